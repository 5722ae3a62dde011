import { updatedAtDisplay } from './published-articles.service';

describe('updatedAtDisplay', () => {
  const publishedAt = new Date('2024-12-05T09:38:00.000Z');

  it('says when the live content last changed, in WIB, like the dateline', () => {
    expect(updatedAtDisplay(publishedAt, new Date('2024-12-05T11:02:30.000Z'), 'Asia/Jakarta')).toBe('Diperbarui: Kamis, 05 Desember 2024 | 18:02 WIB');
    expect(updatedAtDisplay(publishedAt, new Date('2024-12-05T11:02:30.000Z'), 'Asia/Makassar')).toBe('Diperbarui: Kamis, 05 Desember 2024 | 19:02 WITA');
  });

  it('is absent while the article is as it was published (the two times a few milliseconds apart)', () => {
    expect(updatedAtDisplay(publishedAt, publishedAt, 'Asia/Jakarta')).toBeNull();
    expect(updatedAtDisplay(publishedAt, new Date(publishedAt.getTime() + 40), 'Asia/Jakarta')).toBeNull();
  });
});
