import type { RevisedField } from '@newsroom/database';
import type { VersionContent } from '../drafts/revision-diff';
import { diffAgainstLive } from './live-diff';

const live: VersionContent = {
  headline: 'Banjir Rendam Tiga Kelurahan',
  lead: 'Teras yang sudah dikoreksi.',
  body: '<p>Air naik sejak subuh.</p>',
  rubric: 'dunia',
  image: null,
  tags: ['banjir'],
  priority: 'normal',
  embargoUntil: null,
  authors: [],
  guestBylines: [],
};
const ALL: RevisedField[] = ['headline', 'lead', 'body', 'rubric', 'image', 'tags', 'priority'];

describe('diffAgainstLive', () => {
  it('shows each revised field from the live value to the revision\'s, the body word by word', () => {
    const revision = { ...live, headline: 'Banjir Surut, Warga Kembali', body: '<p>Air surut sejak subuh.</p>' };
    const changes = diffAgainstLive(live, revision, ['headline', 'body']);
    expect(changes.map((c) => [c.field, c.from, c.to])).toEqual([
      ['headline', 'Banjir Rendam Tiga Kelurahan', 'Banjir Surut, Warga Kembali'],
      ['body', '<p>Air naik sejak subuh.</p>', '<p>Air surut sejak subuh.</p>'],
    ]);
    expect(changes[1].words).toEqual(expect.arrayContaining([{ value: 'naik', removed: true }, { value: 'surut', added: true }]));
  });

  it('leaves out a field corrected on the live article after the revision started, which the revision did not touch (the correction stays live)', () => {
    const revision = { ...live, lead: 'Teras lama sebelum koreksi.', headline: 'Banjir Surut' };
    expect(diffAgainstLive(live, revision, ['headline']).map((c) => c.field)).toEqual(['headline']);
  });

  it('shows nothing when the revised value is what readers already see', () => {
    expect(diffAgainstLive(live, { ...live }, ALL)).toEqual([]);
  });

  it('never shows the byline or an embargo: a revision changes neither', () => {
    const revision = { ...live, authors: [{ id: 'u1', name: 'Hani' }], guestBylines: ['Tim'], embargoUntil: '2030-01-01T00:00:00.000Z' };
    expect(diffAgainstLive(live, revision, ALL)).toEqual([]);
  });
});
