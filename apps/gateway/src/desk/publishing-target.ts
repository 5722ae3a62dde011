import type { PublishingAction, PublishingForm } from './desk-publishing.service';

/**
 * What a desk publishing button acts on: an article, or a pending revision of
 * a live article (`revisionOf` = the live article's id). A revision goes live
 * only through its live article's endpoints; the plain article endpoints
 * refuse it (or, for unscheduling, would skip the live article's history).
 */
export interface PublishingTarget {
  id: string;
  revisionOf?: string | null;
}

/** One call to the staff API. */
export interface PublishingCall {
  method: 'POST' | 'DELETE';
  url: string;
  payload?: Record<string, unknown>;
}

/** What a revision can be given: a slot, none, or now. It is never taken down on its own (its live article is). */
export const REVISION_ACTIONS: readonly PublishingAction[] = ['schedule', 'unschedule', 'publish'];

const enc = encodeURIComponent;

/** The API's address of the target: `/articles/:id`, or `/articles/:liveId/revisions/:revisionId`. */
function apiPath(target: PublishingTarget): string {
  return target.revisionOf ? `/articles/${enc(target.revisionOf)}/revisions/${enc(target.id)}` : `/articles/${enc(target.id)}`;
}

/**
 * The API call a button stands for, or undefined when the target cannot take
 * that action (a revision has no "unpublish"). The version is the one the
 * page showed: a stale one is a 409 and nothing changes.
 */
export function publishingCall(target: PublishingTarget, action: PublishingAction, form: PublishingForm | undefined): PublishingCall | undefined {
  if (target.revisionOf && !REVISION_ACTIONS.includes(action)) return undefined;
  const path = apiPath(target);
  const version = form?.version ? { version: Number(form.version) } : {};
  switch (action) {
    case 'schedule':
      return { method: 'POST', url: `${path}/schedule`, payload: { ...version, publishAt: form?.publishAt ?? '' } };
    case 'unschedule':
      return { method: 'DELETE', url: `${path}/schedule` };
    case 'publish':
      return { method: 'POST', url: `${path}/publish`, payload: version };
    case 'unpublish':
      // a blank reason goes to the API as is, which names the missing reason
      return { method: 'POST', url: `${path}/unpublish`, payload: { ...version, reason: form?.reason ?? '' } };
  }
}

/**
 * Where a desk page's buttons for this article post, under the page's own
 * path `home`: `<home>/<id>` (then `/<action>`), or for a revision
 * `<home>/<liveId>/revisions/<revisionId>`, a route of its own that calls the
 * revision endpoints. The page never offers a revision the article's buttons.
 */
export function deskActionBase(home: string, article: PublishingTarget): string {
  return article.revisionOf ? `${home}/${enc(article.revisionOf)}/revisions/${enc(article.id)}` : `${home}/${enc(article.id)}`;
}

/** A slot form's choice for this article: its id, or `<liveId>/<revisionId>` for a revision. */
export function slotChoice(article: PublishingTarget): string {
  return article.revisionOf ? `${article.revisionOf}/${article.id}` : article.id;
}

/** What a slot form's choice names (the API checks that the revision belongs to that live article). */
export function slotTarget(choice: unknown): PublishingTarget {
  const value = typeof choice === 'string' ? choice : '';
  const slash = value.indexOf('/');
  return slash < 0 ? { id: value } : { id: value.slice(slash + 1), revisionOf: value.slice(0, slash) };
}
