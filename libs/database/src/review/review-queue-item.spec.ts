import { ReviewQueueRow, toReviewQueueItem } from './review-queue-item';

const row: ReviewQueueRow = {
  id: 'a1',
  headline: 'Pakta Pertahanan Korut-Rusia Mulai Berlaku',
  priority: 'breaking',
  version: 3,
  submitted_at: new Date('2024-12-05T02:00:00.000Z'),
  rubric_slug: 'dunia',
  rubric_name: 'Dunia',
  author_id: 'u1',
  author_name: 'Hani Fatunnisa',
  co_authors: [],
  claim_editor_id: null,
  claim_editor_name: null,
  claim_expires_at: null,
};

describe('toReviewQueueItem', () => {
  it('shapes an unclaimed row as the contract item', () => {
    expect(toReviewQueueItem(row)).toEqual({
      article: { id: 'a1', headline: row.headline, rubric: { slug: 'dunia', name: 'Dunia' }, author: { id: 'u1', name: 'Hani Fatunnisa' }, authors: [{ id: 'u1', name: 'Hani Fatunnisa' }], priority: 'breaking', version: 3 },
      submittedAt: '2024-12-05T02:00:00.000Z',
      claimedBy: null,
      claimExpiresAt: null,
    });
  });

  it('lists the co-authors after the author, whether the driver gives json or text', () => {
    const budi = { id: 'u2', name: 'Budi Santoso' };
    expect(toReviewQueueItem({ ...row, co_authors: [budi] }).article.authors).toEqual([{ id: 'u1', name: 'Hani Fatunnisa' }, budi]);
    expect(toReviewQueueItem({ ...row, co_authors: JSON.stringify([budi]) }).article.authors).toEqual([{ id: 'u1', name: 'Hani Fatunnisa' }, budi]);
  });

  it('shows the claim holder and expiry, whether the driver gives dates or strings', () => {
    const item = toReviewQueueItem({ ...row, claim_editor_id: 'e1', claim_editor_name: 'Editor Satu', claim_expires_at: '2024-12-05 02:15:00+00' });
    expect(item.claimedBy).toEqual({ id: 'e1', name: 'Editor Satu' });
    expect(item.claimExpiresAt).toBe('2024-12-05T02:15:00.000Z');
  });
});
