import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { STRINGS } from '@newsroom/html';
import { redirectWithFlash } from './desk-flash';
import { DeskRequest } from './desk-session';
import { DeskViews } from './desk-views.service';
import { liveArticleHref, mayDiscardRevision, mayStartRevision, pendingRevisionOf, revisionHref } from './live-revision';
import { apiMessage, StaffApi } from './staff-api.service';

const enc = encodeURIComponent;

/** The "Pembaruan berita" box of a live article's desk page: its revision on the way, or the button to start one. */
export interface LiveUpdateBox {
  /** the form's address; absent when the viewer may not start one or one is on its way */
  startAction?: string;
  version: number;
  pending?: { id: string; headline: string; status: string; statusLabel: string; href: string; scheduledDisplay: string; discardAction?: string };
}

/** The banner of a revision's pages: the live article it will update. */
export interface LiveArticleBanner {
  id: string;
  href: string;
  headline?: string;
  slug?: string;
  /** "Buang pembaruan"'s form address, when the viewer may discard the revision from this page */
  discardAction?: string;
}

/**
 * Scheduled updates of a live article on the desk (API v1.1), through the
 * staff API with the person's token: "Perbarui berita" starts a revision and
 * opens it in the draft editor, a live article's pages show the revision on
 * its way, a revision's pages name the live article. The API decides who may
 * do what; a refusal comes back as its message on the page the form was on.
 */
@Injectable()
export class DeskRevisions {
  constructor(
    private readonly api: StaffApi,
    private readonly views: DeskViews,
  ) {}

  /**
   * "Perbarui berita": a revision of the live article at the version the page
   * showed (a stale one is a 409 and nothing is made), then its draft editor.
   */
  async start(request: DeskRequest, reply: FastifyReply, liveId: string, form: { version?: string } | undefined, failed: (error: string, status: number) => Promise<void>): Promise<void> {
    const version = form?.version ? { version: Number(form.version) } : {};
    const answer = await this.api.call<{ revisionId: string }>(request, request.desk.token, 'POST', `/articles/${enc(liveId)}/revisions`, version);
    if (answer.status !== 201) return failed(`${STRINGS.actionFailed}: ${apiMessage(answer)}`, answer.status);
    // a plain form: the browser goes to the editor, a page of its own
    return redirectWithFlash(reply, `/desk/drafts/${enc(answer.body.revisionId)}`, 'revisionStarted');
  }

  /** The box for a live article (undefined for anything else, or when it would offer nothing): GET /articles/:id/revisions for the one on its way. */
  async liveUpdateBox(request: DeskRequest, article: { id: string; version: number; status: string; revisionOf?: string | null; authors?: { id: string }[] }, home: string): Promise<LiveUpdateBox | undefined> {
    if (article.status !== 'published' || article.revisionOf) return undefined;
    const viewer = request.desk.user;
    const answer = await this.api.call<any[]>(request, request.desk.token, 'GET', `/articles/${enc(article.id)}/revisions`);
    const pending = pendingRevisionOf(answer.status === 200 ? answer.body : []);
    const startAction = !pending && mayStartRevision(viewer, article) ? `${home}/${enc(article.id)}/revisions` : undefined;
    if (!pending && !startAction) return undefined;
    return {
      version: article.version,
      startAction,
      pending: pending && {
        id: pending.id,
        headline: pending.headline,
        status: pending.status,
        statusLabel: STRINGS.statuses[pending.status] ?? pending.status,
        href: revisionHref(viewer, pending),
        scheduledDisplay: pending.status === 'scheduled' ? this.views.time(pending.scheduledFor) : '',
        discardAction: mayDiscardRevision(viewer, { ...pending, revisionOf: article.id }) ? discardActionOf(home, article.id, pending.id) : undefined,
      },
    };
  }

  /**
   * The banner for a revision (undefined for anything else), with the live
   * article's headline and address when the viewer may read it, and (given
   * the page's `home`) "Buang pembaruan" when the viewer may discard it.
   */
  async liveArticleBanner(
    request: DeskRequest,
    article: { id?: string; status?: string; revisionOf?: string | null; authors?: { id: string }[] },
    home?: string,
  ): Promise<LiveArticleBanner | undefined> {
    if (!article.revisionOf) return undefined;
    const live = await this.api.call(request, request.desk.token, 'GET', `/drafts/${enc(article.revisionOf)}`);
    const found = live.status === 200 ? live.body : undefined;
    return {
      id: article.revisionOf,
      href: liveArticleHref(request.desk.user, article.revisionOf),
      headline: found?.headline,
      slug: found?.status === 'published' ? found.slug : undefined,
      discardAction:
        home && article.id && mayDiscardRevision(request.desk.user, { status: article.status ?? '', revisionOf: article.revisionOf, authors: article.authors })
          ? discardActionOf(home, article.revisionOf, article.id)
          : undefined,
    };
  }

  /**
   * "Buang pembaruan": DELETE /articles/:liveId/revisions/:revisionId, then
   * the live article's page (or `back`), whose content readers never stopped seeing. Refused (a
   * role the API refuses, a revision gone live or discarded meanwhile, a
   * publish that won the race): `failed` shows the page of `pageId` again
   * with the API's message, nothing changed.
   */
  async discard(
    request: DeskRequest,
    reply: FastifyReply,
    target: { liveId: string; revisionId: string; back?: string; from?: string },
    failed: (error: string, status: number, pageId: string) => Promise<void>,
  ): Promise<void> {
    const { liveId, revisionId } = target;
    const answer = await this.api.call(request, request.desk.token, 'DELETE', `/articles/${enc(liveId)}/revisions/${enc(revisionId)}`);
    if (answer.status !== 204) {
      // the page the button was on (`from=live`: the live article's); a revision gone (404: discarded meanwhile)
      // has no page to show the reason on, so its live article's
      const pageId = target.from === 'live' || answer.status === 404 ? liveId : revisionId;
      return failed(`${STRINGS.actionFailed}: ${apiMessage(answer)}`, answer.status, pageId);
    }
    return redirectWithFlash(reply, target.back ?? liveArticleHref(request.desk.user, liveId), 'revisionDiscarded');
  }
}

/** Where "Buang pembaruan" posts under a desk page's `home` (`/desk/articles` or `/desk/drafts`). */
function discardActionOf(home: string, liveId: string, revisionId: string): string {
  return `${home}/${enc(liveId)}/revisions/${enc(revisionId)}/discard`;
}

