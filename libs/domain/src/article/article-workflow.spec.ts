import { ArticleStatus as S } from './article-status';
import { ArticleAction as A, canTransition, nextStatus, statusAfterEdit, TRANSITIONS } from './article-workflow';
import { DomainError } from '../errors';

const ALL_STATUSES = Object.values(S);

/** The whole table, written out by hand: every allowed transition and where it leads. */
const ALLOWED: [A, S, S][] = [
  [A.Submit, S.Draft, S.Submitted],
  [A.Submit, S.ChangesRequested, S.Submitted],
  [A.AcceptSubmission, S.Submitted, S.InReview],
  [A.BounceSubmission, S.Submitted, S.ChangesRequested],
  [A.Withdraw, S.Submitted, S.Draft],
  [A.Withdraw, S.InReview, S.Draft],
  [A.Approve, S.InReview, S.Approved],
  [A.RequestChanges, S.InReview, S.ChangesRequested],
  [A.Reject, S.InReview, S.Rejected],
  [A.Schedule, S.Approved, S.Scheduled],
  [A.Schedule, S.Scheduled, S.Scheduled],
  [A.Unschedule, S.Scheduled, S.Approved],
  [A.Publish, S.Approved, S.Published],
  [A.Publish, S.Scheduled, S.Published],
  [A.Unpublish, S.Published, S.Unpublished],
  [A.Correct, S.Published, S.Published],
  [A.ApplyRevision, S.Approved, S.Applied],
  [A.ApplyRevision, S.Scheduled, S.Applied],
  ...[S.Draft, S.Submitted, S.InReview, S.ChangesRequested, S.Approved, S.Scheduled].map((from): [A, S, S] => [A.CancelRevision, from, S.Cancelled]),
  ...[S.Draft, S.Submitted, S.InReview, S.ChangesRequested, S.Approved, S.Scheduled].map((from): [A, S, S] => [A.DiscardRevision, from, S.Discarded]),
];

describe('article state machine', () => {
  it.each(ALLOWED)('%s from %s leads to %s', (action, from, to) => {
    expect(canTransition(from, action)).toBe(true);
    expect(nextStatus(from, action)).toBe(to);
  });

  const forbidden = Object.values(A).flatMap((action) =>
    ALL_STATUSES.filter((from) => !ALLOWED.some(([a, f]) => a === action && f === from)).map((from) => [action, from] as const),
  );

  it.each(forbidden)('%s from %s is refused with a 422 domain error', (action, from) => {
    expect(canTransition(from, action)).toBe(false);
    try {
      nextStatus(from, action);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ kind: 'unprocessable', code: 'ARTICLE.ILLEGAL_TRANSITION' });
    }
  });

  it('has no transition out of rejected, unpublished, applied, cancelled or discarded', () => {
    const terminal = [S.Rejected, S.Unpublished, S.Applied, S.Cancelled, S.Discarded];
    const fromTerminal = Object.values(TRANSITIONS).filter((t) => t.from.some((from) => terminal.includes(from)));
    expect(fromTerminal).toEqual([]);
  });

  it('lists exactly the allowed transitions (the table above is complete)', () => {
    const count = Object.values(TRANSITIONS).reduce((n, t) => n + t.from.length, 0);
    expect(count).toBe(ALLOWED.length);
  });
});

describe('who may edit content in which status', () => {
  const author = { isAuthor: true, isEditor: false };
  const editor = { isAuthor: false, isEditor: true };

  it.each([S.Draft, S.ChangesRequested])('the author edits in %s without a status change', (status) => {
    expect(statusAfterEdit(status, author)).toBe(status);
  });

  it.each([S.Submitted, S.InReview, S.Approved, S.Scheduled, S.Published, S.Rejected, S.Unpublished])('the author may not edit in %s', (status) => {
    expect(() => statusAfterEdit(status, author)).toThrow(DomainError);
  });

  it.each([
    [S.Draft, S.Draft],
    [S.ChangesRequested, S.ChangesRequested],
    [S.InReview, S.InReview],
    [S.Approved, S.InReview],
    [S.Scheduled, S.InReview],
  ])('an editor edits in %s, which leaves it %s', (from, to) => {
    expect(statusAfterEdit(from, editor)).toBe(to);
  });

  it.each([S.Submitted, S.Published, S.Rejected, S.Unpublished])('nobody edits in %s (corrections are a separate step)', (status) => {
    expect(() => statusAfterEdit(status, editor)).toThrow(expect.objectContaining({ kind: 'unprocessable' }));
  });
});
