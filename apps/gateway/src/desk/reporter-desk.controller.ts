import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, Role } from '@newsroom/domain';
import type { FastifyReply } from 'fastify';
import { Public, Roles } from '../auth/auth.decorators';
import { STRINGS } from '@newsroom/html';
import { DeskErrorsFilter } from './desk-errors.filter';
import { DeskRevisions } from './desk-revisions.service';
import { DeskGuard } from './desk.guard';
import { DeskRequest } from './desk-session';
import { DeskViews } from './desk-views.service';
import { authorChoices, DraftForm, draftFields, formValues } from './draft-form';
import { apiMessage, StaffApi } from './staff-api.service';
import { DraftsSearch } from '../search/drafts-search.service';
import { GatewayConfig } from '../gateway.config';

/** Statuses in which the author may still change the text (the API has the last word). */
const EDITABLE = ['draft', 'changes_requested'];
/** Statuses from which the author may take a draft back out of review. */
const WITHDRAWABLE = ['submitted', 'in_review'];
/** How long a new preview link may work, as the draft page offers it (the API takes 1..168 hours). */
const PREVIEW_HOURS = [1, 24, 72, 168];
/** History entries that carry an editor's word to the reporter. */
const DECISIONS = ['approved', 'changes_requested', 'rejected'];
/** Who may use one draft's pages: its authors, reporters or (having started a revision of a live article) editors. */
const WRITERS = [Role.Reporter, Role.Editor];

/**
 * The reporter's desk: my drafts, the editor with autosave, submit, and what
 * the editors said. Autosave never overwrites: it sends the version the page
 * was built on, and a 409 (someone else saved meanwhile) is shown, not retried.
 *
 * One draft's pages are open to editors too (WRITERS): an editor who starts a
 * revision of a live article ("Perbarui berita") becomes one of its authors
 * and edits and submits it here, like any author. The API decides the rest.
 */
@ApiExcludeController()
@Public()
@UseGuards(DeskGuard)
@UseFilters(DeskErrorsFilter)
@Roles(Role.Reporter)
@Controller('desk/drafts')
export class ReporterDeskController {
  constructor(
    private readonly api: StaffApi,
    private readonly views: DeskViews,
    private readonly search: DraftsSearch,
    private readonly revisions: DeskRevisions,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
  ) {}

  @Get()
  async list(@Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    const answer = await this.api.call<any[]>(request, request.desk.token, 'GET', '/drafts?limit=100');
    const drafts = (answer.body ?? []).map((a) => ({ ...a, statusLabel: STRINGS.statuses[a.status] ?? a.status, updatedDisplay: this.views.time(a.updatedAt) }));
    return this.views.page(request, reply, 'desk/drafts.hbs', { drafts });
  }

  @Get('new')
  async newDraft(@Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.editorPage(request, reply, { form: { priority: 'normal' } });
  }

  @Post()
  async create(@Body() form: DraftForm, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    const answer = await this.api.call(request, request.desk.token, 'POST', '/drafts', draftFields(form));
    if (answer.status !== 201) return this.editorPage(request, reply, { form, error: apiMessage(answer) }, answer.status);
    await reply.redirect(`/desk/drafts/${answer.body.id}`, 303);
  }

  /**
   * The draft page's "find related" box: the published archive, each result
   * with the address to link. htmx puts the results beside the editor, so
   * nothing typed is lost; without JavaScript the box's form opens this as a
   * page of its own in another tab. A query the search refuses says why.
   */
  @Get('archive')
  @Roles(...WRITERS)
  async archive(@Query('q') q: unknown, @Query('cursor') cursor: unknown, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    const text = typeof q === 'string' ? q : '';
    let data: Record<string, unknown> = { archiveQuery: text };
    if (text.trim() !== '') {
      try {
        const results = await this.search.archive(text, typeof cursor === 'string' ? cursor : undefined, request.desk.user);
        data = {
          ...data,
          searched: true,
          items: results.items.map((item) => ({ ...item, url: `${this.config.publicUrl}/berita/${item.slug}`, publishedDisplay: this.views.time(item.publishedAt) })),
          nextPage: results.nextCursor ? `/desk/drafts/archive?q=${encodeURIComponent(text)}&cursor=${encodeURIComponent(results.nextCursor)}` : null,
        };
      } catch (error) {
        if (!(error instanceof DomainError && error.kind === 'invalid')) throw error;
        data = { ...data, problem: STRINGS.searchBadQuery };
      }
    }
    if (request.headers['hx-request'] === 'true') return this.views.fragment(reply, 'desk/archive-results.hbs', data);
    return this.views.page(request, reply, 'desk/archive.hbs', data);
  }

  /** `?withdrawn=1` is where a successful "Tarik kembali" lands, to say so once. */
  @Get(':id')
  @Roles(...WRITERS)
  async edit(@Param('id') id: string, @Query('withdrawn') withdrawn: string | undefined, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    const answer = await this.api.call(request, request.desk.token, 'GET', `/drafts/${encodeURIComponent(id)}`);
    if (answer.status !== 200) return this.views.page(request, reply, 'desk/message.hbs', { message: apiMessage(answer) }, answer.status);
    const notice = withdrawn === '1' && answer.body.status === 'draft' ? STRINGS.withdrawn : undefined;
    return this.editorPage(request, reply, { article: answer.body, form: formValues(answer.body, this.views.timeZone), notice });
  }

  /**
   * "Tarik kembali": takes a submitted or in-review draft back to `draft`. No
   * version is sent: the submission check moves the version on by itself, so a
   * page opened just after "Kirim" would otherwise meet a needless 409.
   */
  @Post(':id/withdraw')
  @Roles(...WRITERS)
  async withdraw(@Param('id') id: string, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    const path = `/drafts/${encodeURIComponent(id)}`;
    const answer = await this.api.call(request, request.desk.token, 'POST', `${path}/withdraw`, {});
    if (answer.status === 200) {
      await reply.redirect(`/desk/drafts/${encodeURIComponent(id)}?withdrawn=1`, 303);
      return;
    }
    const current = await this.api.call(request, request.desk.token, 'GET', path);
    if (current.status !== 200) return this.views.page(request, reply, 'desk/message.hbs', { message: apiMessage(current) }, current.status);
    const error = `${STRINGS.actionFailed}: ${apiMessage(answer)}`;
    return this.editorPage(request, reply, { article: current.body, form: formValues(current.body, this.views.timeZone), error }, answer.status);
  }

  /** The editor's "Simpan" without JavaScript: save, then show the draft again. */
  @Post(':id')
  @Roles(...WRITERS)
  async save(@Param('id') id: string, @Body() form: DraftForm, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    const answer = await this.patch(request, id, form);
    if (answer.status !== 200) return this.failedEdit(request, reply, id, form, answer);
    await reply.redirect(`/desk/drafts/${encodeURIComponent(id)}`, 303);
  }

  /** htmx posts the form a moment after typing stops; the answer updates the save state and the version. */
  @Post(':id/autosave')
  @Roles(...WRITERS)
  async autosave(@Param('id') id: string, @Body() form: DraftForm, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    const answer = await this.patch(request, id, form);
    if (answer.status === 200) {
      return this.views.fragment(reply, 'desk/save-state.hbs', { saved: true, version: answer.body.version, at: this.views.time(answer.body.updatedAt) });
    }
    const current = answer.status === 409 ? await this.api.call(request, request.desk.token, 'GET', `/drafts/${encodeURIComponent(id)}`) : undefined;
    return this.views.fragment(reply, 'desk/save-state.hbs', {
      conflict: answer.status === 409,
      conflictText: STRINGS.conflict.replace('{version}', String(current?.body?.version ?? '?')),
      error: answer.status === 409 ? undefined : apiMessage(answer),
      id,
    });
  }

  /** "Kirim": saves what is in the form, then hands the draft to review. */
  @Post(':id/submit')
  @Roles(...WRITERS)
  async submit(@Param('id') id: string, @Body() form: DraftForm, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    const saved = await this.patch(request, id, form);
    if (saved.status !== 200) return this.failedEdit(request, reply, id, form, saved);
    const answer = await this.api.call(request, request.desk.token, 'POST', `/drafts/${encodeURIComponent(id)}/submit`, { version: saved.body.version });
    if (answer.status !== 202) return this.failedEdit(request, reply, id, formValues(saved.body, this.views.timeZone), answer);
    await reply.redirect(`/desk/drafts/${encodeURIComponent(id)}`, 303);
  }

  /** "Buat tautan": a secret preview link of the draft as it is; its URL is shown on this answer only (the API keeps no token). */
  @Post(':id/preview-links')
  @Roles(...WRITERS)
  async createPreviewLink(@Param('id') id: string, @Body() form: { expiresInHours?: string }, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    const hours = Number(form.expiresInHours ?? PREVIEW_HOURS[1]);
    const made = await this.api.call(request, request.desk.token, 'POST', `/drafts/${encodeURIComponent(id)}/preview-links`, { expiresInHours: hours });
    const current = await this.api.call(request, request.desk.token, 'GET', `/drafts/${encodeURIComponent(id)}`);
    if (current.status !== 200) return this.views.page(request, reply, 'desk/message.hbs', { message: apiMessage(current) }, current.status);
    const values = formValues(current.body, this.views.timeZone);
    if (made.status !== 201) return this.editorPage(request, reply, { article: current.body, form: values, error: `${STRINGS.actionFailed}: ${apiMessage(made)}` }, made.status);
    return this.editorPage(request, reply, { article: current.body, form: values, newPreview: { url: made.body.url, until: this.views.time(made.body.expiresAt) } }, 201);
  }

  /** "Cabut": the link is a 404 on the readers' site from now on. */
  @Post(':id/preview-links/:linkId/revoke')
  @Roles(...WRITERS)
  async revokePreviewLink(@Param('id') id: string, @Param('linkId') linkId: string, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    const path = `/drafts/${encodeURIComponent(id)}`;
    const answer = await this.api.call(request, request.desk.token, 'DELETE', `${path}/preview-links/${encodeURIComponent(linkId)}`);
    if (answer.status !== 204) return this.views.page(request, reply, 'desk/message.hbs', { message: apiMessage(answer) }, answer.status);
    await reply.redirect(`/desk/drafts/${encodeURIComponent(id)}?ok=previewRevoked`, 303);
  }

  /**
   * "Perbarui berita" on a live article the reporter wrote: a revision of it,
   * opened in this editor. Refused (not an author, a stale version, one already
   * on its way): this page again with the API's reason, nothing made.
   */
  @Post(':id/revisions')
  @Roles(...WRITERS)
  async startRevision(@Param('id') id: string, @Body() form: { version?: string }, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.revisions.start(request, reply, id, form, (error, status) => this.editorAgain(request, reply, id, error, status));
  }

  /**
   * "Buang pembaruan" on a revision's editor (or on its live article's page,
   * `from=live`): the revision is dropped and the live article's page opens.
   * Refused: the page the button was on again with the API's reason.
   */
  @Post(':id/revisions/:revisionId/discard')
  @Roles(...WRITERS)
  async discardRevision(
    @Param('id') liveId: string,
    @Param('revisionId') revisionId: string,
    @Body() form: { from?: string } | undefined,
    @Req() request: DeskRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.revisions.discard(request, reply, { liveId, revisionId, from: form?.from }, (error, status, pageId) =>
      this.editorAgain(request, reply, pageId, error, status, { message: error, status }),
    );
  }

  /**
   * The editor of `id` as the draft is now, saying what went wrong. Should the
   * draft itself not load: `unloaded` if given, else why it did not.
   */
  private async editorAgain(
    request: DeskRequest,
    reply: FastifyReply,
    id: string,
    error: string,
    status: number,
    unloaded?: { message: string; status: number },
  ): Promise<void> {
    const current = await this.api.call(request, request.desk.token, 'GET', `/drafts/${encodeURIComponent(id)}`);
    if (current.status !== 200) {
      return this.views.page(request, reply, 'desk/message.hbs', { message: unloaded?.message ?? apiMessage(current) }, unloaded?.status ?? current.status);
    }
    return this.editorPage(request, reply, { article: current.body, form: formValues(current.body, this.views.timeZone), error }, status);
  }

  private patch(request: DeskRequest, id: string, form: DraftForm) {
    return this.api.call(request, request.desk.token, 'PATCH', `/drafts/${encodeURIComponent(id)}`, { ...draftFields(form), version: Number(form.version) });
  }

  /** Shows the reporter's own text again with what went wrong: nothing typed is lost. */
  private async failedEdit(request: DeskRequest, reply: FastifyReply, id: string, form: DraftForm, failure: { status: number; body: any }): Promise<void> {
    const current = await this.api.call(request, request.desk.token, 'GET', `/drafts/${encodeURIComponent(id)}`);
    const error = failure.status === 409 ? STRINGS.conflict.replace('{version}', String(current.body?.version ?? '?')) : apiMessage(failure);
    return this.editorPage(request, reply, { article: current.body, form, error }, failure.status);
  }

  private async editorPage(
    request: DeskRequest,
    reply: FastifyReply,
    data: { article?: any; form: DraftForm; error?: string; notice?: string; newPreview?: { url: string; until: string } },
    status = 200,
  ): Promise<void> {
    const id = data.article?.id as string | undefined;
    const [rubrics, reporters, history, links, live, liveUpdate] = await Promise.all([
      this.api.call<{ slug: string; name: string }[]>(request, request.desk.token, 'GET', '/rubrics'),
      this.api.call<{ id: string; name: string }[]>(request, request.desk.token, 'GET', '/users/reporters'),
      id ? this.api.call<any[]>(request, request.desk.token, 'GET', `/drafts/${encodeURIComponent(id)}/history`) : Promise.resolve({ status: 200, body: [] as any[] }),
      id ? this.api.call<any[]>(request, request.desk.token, 'GET', `/drafts/${encodeURIComponent(id)}/preview-links`) : Promise.resolve({ status: 200, body: [] as any[] }),
      // a revision names the live article it updates; a live article shows its revision on the way, or "Perbarui berita"
      data.article ? this.revisions.liveArticleBanner(request, data.article, '/desk/drafts') : undefined,
      data.article ? this.revisions.liveUpdateBox(request, data.article, '/desk/drafts') : undefined,
    ]);
    const previewLinks = (links.body ?? [])
      .filter((link) => link.active)
      .map((link) => ({ ...link, label: STRINGS.previewUntil.replace('{version}', String(link.version)).replace('{until}', this.views.time(link.expiresAt)) }));
    const events = this.views.history(history.body ?? []);
    const editable = !data.article || EDITABLE.includes(data.article.status);
    return this.views.page(
      request,
      reply,
      'desk/draft-editor.hbs',
      {
        ...data,
        live,
        liveUpdate,
        // a revision's byline and embargo are the live article's: the form leaves them out (the API refuses them)
        isRevision: !!live,
        bylineNames: (data.article?.authors ?? []).map((a: { name: string }) => a.name).concat(data.article?.guestBylines ?? []).join(', '),
        editable,
        withdrawable: WITHDRAWABLE.includes(data.article?.status),
        statusLabel: data.article ? STRINGS.statuses[data.article.status] : STRINGS.statuses.draft,
        rubrics: (rubrics.body ?? []).map((r) => ({ ...r, selected: r.slug === data.form.rubric })),
        previewLinks,
        previewHours: PREVIEW_HOURS.map((hours) => ({ value: hours, label: STRINGS.previewHours[hours], selected: hours === 24 })),
        authorChoices: authorChoices(reporters.body ?? [], data.form.authors, request.desk.user?.id),
        breaking: data.form.priority === 'breaking',
        comments: events.filter((e) => DECISIONS.includes(e.type) && e.comment),
        history: events.slice().reverse(),
      },
      status,
    );
  }
}
