import { Priority } from '@newsroom/domain';
import { Article } from '../entities/article.entity';
import { ArticleRevision } from '../entities/article-revision.entity';
import { Rubric } from '../entities/rubric.entity';
import { User } from '../entities/user.entity';
import { revisedFields } from './live-update';

describe('revisedFields (what a revision of a live article changes)', () => {
  const dunia = new Rubric('dunia', 'Dunia');
  const live = new Article({ slug: 'kabar', headline: 'Kabar', body: '<p>Isi</p>', rubric: dunia, author: new User('a@b.test', 'Hani', 'x', []) });
  live.lead = 'Teras';
  live.tags = ['banjir'];
  const base = new ArticleRevision(live, 3, null);
  const revisionOf = (changes: Partial<Article>) => Object.assign(new Article({ slug: 'revisi-1', headline: live.headline, body: live.body, rubric: dunia, author: live.author }), { lead: live.lead, tags: [...live.tags] }, changes);

  it('names only the fields that differ from the live content it started from', () => {
    expect(revisedFields(revisionOf({ headline: 'Kabar Terbaru' }), base)).toEqual(['headline']);
    expect(revisedFields(revisionOf({ body: '<p>Isi baru</p>', tags: ['banjir', 'jakarta'] }), base)).toEqual(['body', 'tags']);
    expect(revisedFields(revisionOf({ rubric: new Rubric('ekonomi', 'Ekonomi'), priority: Priority.Breaking }), base)).toEqual(['rubric', 'priority']);
    expect(revisedFields(revisionOf({ imageUrl: 'https://img.test/a.jpg', imageCaption: 'a', imageCredit: 'b' }), base)).toEqual(['image']);
    expect(revisedFields(revisionOf({}), base)).toEqual([]);
  });

  it('takes every field when the content it started from is unknown', () => {
    expect(revisedFields(revisionOf({}), null)).toEqual(['headline', 'lead', 'body', 'rubric', 'image', 'tags', 'priority']);
  });
});
