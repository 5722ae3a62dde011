import { PENDING_REVISION_STATUSES, Role } from '@newsroom/domain';

/** Who is looking, as the desk knows them. */
interface Viewer {
  id: string;
  roles: readonly string[];
}

/**
 * Whether a revision is still on its way to the live page (the domain's
 * PENDING_REVISION_STATUSES; the desk reads statuses as the API's strings).
 * `applied` went live; `rejected`, `cancelled` and `discarded` never will.
 */
function isPending(status: string): boolean {
  return (PENDING_REVISION_STATUSES as readonly string[]).includes(status);
}

/** The live article's revision on its way, if any, from GET /articles/:id/revisions. */
export function pendingRevisionOf<T extends { status: string }>(revisions: readonly T[]): T | undefined {
  return revisions.find((r) => isPending(r.status));
}

/**
 * Whether the desk offers "Perbarui berita" on this article: it is live, not a
 * revision itself, has no revision on its way (`pendingRevision` of its staff
 * view: the API would answer 409 REVISION.PENDING_EXISTS, so the desk offers
 * that revision instead), and the viewer may start one as the API allows it
 * (an editor, or a reporter who is one of its authors). The API has the last word.
 */
export function mayStartRevision(
  viewer: Viewer,
  article: { status: string; revisionOf?: string | null; pendingRevision?: unknown; authors?: readonly { id: string }[] },
): boolean {
  if (article.status !== 'published' || article.revisionOf || article.pendingRevision) return false;
  return isEditorOrAuthoringReporter(viewer, article.authors);
}

/**
 * Whether the desk offers "Buang pembaruan" on this revision: it is still on
 * its way, and the viewer may discard it as the API allows it (an editor, or
 * a reporter who is one of its authors; a scheduler may not). The API has the
 * last word.
 */
export function mayDiscardRevision(viewer: Viewer, revision: { status: string; revisionOf?: string | null; authors?: readonly { id: string }[] }): boolean {
  if (!revision.revisionOf || !isPending(revision.status)) return false;
  return isEditorOrAuthoringReporter(viewer, revision.authors);
}

/** Who the API lets start or discard a revision: an editor, or a reporter who is one of the story's authors. */
function isEditorOrAuthoringReporter(viewer: Viewer, authors: readonly { id: string }[] = []): boolean {
  if (viewer.roles.includes(Role.Editor)) return true;
  return viewer.roles.includes(Role.Reporter) && authors.some((a) => a.id === viewer.id);
}

/** Whether the viewer reads articles on the schedulers' and editors' article page (/desk/articles); reporters read theirs in the editor. */
function readsArticlePages(viewer: Viewer): boolean {
  return viewer.roles.includes(Role.Editor) || viewer.roles.includes(Role.Scheduler);
}

/** The desk page where this viewer reads the live article a revision updates. */
export function liveArticleHref(viewer: Viewer, liveId: string): string {
  return readsArticlePages(viewer) ? `/desk/articles/${encodeURIComponent(liveId)}` : `/desk/drafts/${encodeURIComponent(liveId)}`;
}

/**
 * The desk page for a live article's revision: its authors edit it in the
 * draft editor; schedulers and editors who did not write it open its article
 * page, which holds its slot and "publish now" buttons once it is approved.
 */
export function revisionHref(viewer: Viewer, revision: { id: string; authors?: readonly { id: string }[] }): string {
  const isAuthor = (revision.authors ?? []).some((a) => a.id === viewer.id);
  return !isAuthor && readsArticlePages(viewer) ? `/desk/articles/${encodeURIComponent(revision.id)}` : `/desk/drafts/${encodeURIComponent(revision.id)}`;
}
