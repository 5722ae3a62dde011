import { diffBodyWords, diffContent, VersionContent } from './revision-diff';

const v1: VersionContent = {
  headline: 'Pakta Pertahanan Berlaku',
  lead: null,
  body: '<p>Perjanjian itu resmi berlaku pada Rabu.</p>',
  rubric: 'dunia',
  image: null,
  tags: ['rusia'],
  priority: 'normal',
  embargoUntil: null,
  authors: [{ id: 'u1', name: 'Hani Fatunnisa' }],
  guestBylines: [],
};

describe('diffContent', () => {
  it('lists nothing for the same content', () => {
    expect(diffContent(v1, { ...v1, tags: ['rusia'] })).toEqual([]);
  });

  it('lists only the changed fields, in a fixed order, with their values before and after', () => {
    const v2 = { ...v1, headline: 'Pakta Pertahanan Mulai Berlaku', tags: ['rusia', 'korea utara'], priority: 'breaking' };
    expect(diffContent(v1, v2)).toEqual([
      { field: 'headline', from: 'Pakta Pertahanan Berlaku', to: 'Pakta Pertahanan Mulai Berlaku' },
      { field: 'tags', from: ['rusia'], to: ['rusia', 'korea utara'] },
      { field: 'priority', from: 'normal', to: 'breaking' },
    ]);
  });

  it('lists a changed byline: co-authors and guest bylines', () => {
    const budi = { id: 'u2', name: 'Budi Santoso' };
    expect(diffContent(v1, { ...v1, authors: [...v1.authors, budi], guestBylines: ['Tim Liputan'] })).toEqual([
      { field: 'authors', from: v1.authors, to: [...v1.authors, budi] },
      { field: 'guestBylines', from: [], to: ['Tim Liputan'] },
    ]);
  });

  it('gives the body a word-level diff of its text', () => {
    const [change] = diffContent(v1, { ...v1, body: '<p>Perjanjian itu resmi berlaku pada Kamis.</p>' });
    expect(change).toMatchObject({ field: 'body', from: v1.body, to: '<p>Perjanjian itu resmi berlaku pada Kamis.</p>' });
    expect(change.words).toEqual([
      { value: 'Perjanjian itu resmi berlaku pada ' },
      { value: 'Rabu', removed: true },
      { value: 'Kamis', added: true },
      { value: '.' },
    ]);
  });
});

describe('diffBodyWords', () => {
  it('shows a change of markup alone as unchanged words', () => {
    expect(diffBodyWords('<p>satu dua</p>', '<p>satu <em>dua</em></p>')).toEqual([{ value: 'satu dua' }]);
  });
});
