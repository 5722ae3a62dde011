import { ArticleStatus as S } from './article-status';
import { unprocessable } from '../errors';

/** Everything that can happen to an article's status. */
export enum ArticleAction {
  Submit = 'submit',
  AcceptSubmission = 'accept_submission',
  BounceSubmission = 'bounce_submission',
  Withdraw = 'withdraw',
  Approve = 'approve',
  RequestChanges = 'request_changes',
  Reject = 'reject',
  Schedule = 'schedule',
  Unschedule = 'unschedule',
  Publish = 'publish',
  Unpublish = 'unpublish',
  Correct = 'correct',
  /** a revision of a live article makes its content the live content */
  ApplyRevision = 'apply_revision',
  /** a revision of a live article is dropped because the article went offline */
  CancelRevision = 'cancel_revision',
  /** a revision of a live article is dropped by its author or an editor: it will never go live */
  DiscardRevision = 'discard_revision',
}

/**
 * The article state machine: for each action, the statuses it may start from
 * and the status it leads to. Anything not listed is an illegal transition (422).
 */
export const TRANSITIONS: Readonly<Record<ArticleAction, { from: readonly S[]; to: S }>> = {
  [ArticleAction.Submit]: { from: [S.Draft, S.ChangesRequested], to: S.Submitted },
  [ArticleAction.AcceptSubmission]: { from: [S.Submitted], to: S.InReview },
  [ArticleAction.BounceSubmission]: { from: [S.Submitted], to: S.ChangesRequested },
  [ArticleAction.Withdraw]: { from: [S.Submitted, S.InReview], to: S.Draft },
  [ArticleAction.Approve]: { from: [S.InReview], to: S.Approved },
  [ArticleAction.RequestChanges]: { from: [S.InReview], to: S.ChangesRequested },
  [ArticleAction.Reject]: { from: [S.InReview], to: S.Rejected },
  [ArticleAction.Schedule]: { from: [S.Approved, S.Scheduled], to: S.Scheduled },
  [ArticleAction.Unschedule]: { from: [S.Scheduled], to: S.Approved },
  [ArticleAction.Publish]: { from: [S.Approved, S.Scheduled], to: S.Published },
  [ArticleAction.Unpublish]: { from: [S.Published], to: S.Unpublished },
  [ArticleAction.Correct]: { from: [S.Published], to: S.Published },
  [ArticleAction.ApplyRevision]: { from: [S.Approved, S.Scheduled], to: S.Applied },
  [ArticleAction.CancelRevision]: { from: [S.Draft, S.Submitted, S.InReview, S.ChangesRequested, S.Approved, S.Scheduled], to: S.Cancelled },
  [ArticleAction.DiscardRevision]: { from: [S.Draft, S.Submitted, S.InReview, S.ChangesRequested, S.Approved, S.Scheduled], to: S.Discarded },
};

export function canTransition(from: S, action: ArticleAction): boolean {
  return TRANSITIONS[action].from.includes(from);
}

/** The status `action` leads to from `from`, or a 422 domain error. */
export function nextStatus(from: S, action: ArticleAction): S {
  if (!canTransition(from, action)) {
    throw unprocessable('ARTICLE.ILLEGAL_TRANSITION', `cannot ${action.replace(/_/g, ' ')} an article that is ${from}`);
  }
  return TRANSITIONS[action].to;
}

/** Who is editing: the article's own author, or someone holding the editor role. */
export interface EditorContext {
  isAuthor: boolean;
  isEditor: boolean;
}

const AUTHOR_EDITABLE: readonly S[] = [S.Draft, S.ChangesRequested];
const EDITOR_EDITABLE: readonly S[] = [S.Draft, S.ChangesRequested, S.InReview, S.Approved, S.Scheduled];

/**
 * Content edits (PATCH). Authors edit their drafts; editors may also edit what
 * is in review, approved or scheduled, which sends it back to review: what goes
 * live must always be exactly what an editor approved.
 * Returns the status after the edit, or throws 422 (state) / 403 (role).
 */
export function statusAfterEdit(from: S, who: EditorContext): S {
  if (who.isEditor && EDITOR_EDITABLE.includes(from)) {
    return from === S.Approved || from === S.Scheduled ? S.InReview : from;
  }
  if (who.isAuthor && AUTHOR_EDITABLE.includes(from)) return from;
  if (who.isAuthor && EDITOR_EDITABLE.includes(from)) {
    throw unprocessable('ARTICLE.NOT_EDITABLE', `the author cannot edit an article that is ${from}; withdraw it first`);
  }
  throw unprocessable('ARTICLE.NOT_EDITABLE', `an article that is ${from} cannot be edited`);
}

/** Statuses the public may see. */
export const PUBLIC_STATUSES: readonly S[] = [S.Published];
