import { EntityManager } from '@mikro-orm/postgresql';
import { EventType } from '@newsroom/contracts';
import { ArticleStatus, Priority } from '@newsroom/domain';
import { Article } from '../entities/article.entity';
import { Rubric } from '../entities/rubric.entity';
import { User } from '../entities/user.entity';
import { ArticleJournal } from './article-journal';

describe('ArticleJournal', () => {
  it('gives the events of one change strictly increasing times, in the order they were announced', () => {
    const persisted: unknown[] = [];
    const em = { persist: (entity: unknown) => persisted.push(entity) } as unknown as EntityManager;
    const article = new Article({ slug: 'kabar', headline: 'Kabar', body: '<p>Isi</p>', rubric: new Rubric('dunia', 'Dunia'), author: new User('a@b.test', 'Hani', 'x', []) });
    article.status = ArticleStatus.InReview;
    article.priority = Priority.Normal;
    const journal = new ArticleJournal(em);
    const events = [EventType.ArticleUnscheduled, EventType.ReviewEntered, EventType.ReviewChanged].map((type) => journal.announce(type, article));
    const times = events.map((e) => e.occurredAt.getTime());
    expect(times[1]).toBeGreaterThan(times[0]);
    expect(times[2]).toBeGreaterThan(times[1]);
    expect(persisted).toEqual(events);
  });
});
