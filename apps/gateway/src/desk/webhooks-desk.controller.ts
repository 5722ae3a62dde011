import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { WEBHOOK_EVENT_TYPES } from '@newsroom/contracts';
import { Role } from '@newsroom/domain';
import type { FastifyReply } from 'fastify';
import { Public, Roles } from '../auth/auth.decorators';
import { STRINGS } from '@newsroom/html';
import { checkboxes, checkedValues, deskError, formOutcome, PageMessages, text } from './admin-forms';
import { knownNotice } from './desk-flash';
import { DeskErrorsFilter } from './desk-errors.filter';
import { DeskGuard } from './desk.guard';
import { DeskRequest } from './desk-session';
import { DeskViews } from './desk-views.service';
import { StaffApi } from './staff-api.service';

interface WebhookForm {
  url?: string;
  events?: string | string[];
  secret?: string;
}

/** What the list says once after a successful form. */
const NOTICES = { created: STRINGS.webhookCreated, deleted: STRINGS.webhookDeleted };

/**
 * The admin's webhooks: the subscriptions, a form to add one (url, events,
 * secret), delete, and one webhook's delivery log. The secret is never shown:
 * the API does not give it back, and a refused form does not repeat it.
 */
@ApiExcludeController()
@Public()
@UseGuards(DeskGuard)
@UseFilters(DeskErrorsFilter)
@Roles(Role.Admin)
@Controller('desk/webhooks')
export class WebhooksDeskController {
  constructor(
    private readonly api: StaffApi,
    private readonly views: DeskViews,
  ) {}

  @Get()
  list(@Query('done') done: string | undefined, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.page(request, reply, {}, { notice: knownNotice(done, NOTICES) });
  }

  @Post()
  async create(@Body() form: WebhookForm, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    const answer = await this.api.call(request, request.desk.token, 'POST', '/webhooks', {
      url: text(form?.url),
      events: checkedValues(form?.events),
      secret: form?.secret ?? '',
    });
    return formOutcome(reply, answer, 201, '/desk/webhooks?done=created', (messages, status) => this.page(request, reply, form ?? {}, messages, status));
  }

  /** "Hapus": a form's POST, since a plain HTML form cannot send DELETE. */
  @Post(':id/delete')
  async remove(@Param('id') id: string, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    const answer = await this.api.call(request, request.desk.token, 'DELETE', `/webhooks/${encodeURIComponent(id)}`);
    return formOutcome(reply, answer, 204, '/desk/webhooks?done=deleted', (messages, status) => this.page(request, reply, {}, messages, status));
  }

  /** One webhook's delivery attempts, newest first, times in the newsroom's zone. */
  @Get(':id')
  async deliveries(@Param('id') id: string, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    const [log, webhooks] = await Promise.all([
      this.api.call<any[]>(request, request.desk.token, 'GET', `/webhooks/${encodeURIComponent(id)}/deliveries?limit=200`),
      this.api.call<{ id: string; url: string }[]>(request, request.desk.token, 'GET', '/webhooks'),
    ]);
    if (log.status !== 200) return this.views.page(request, reply, 'desk/message.hbs', { message: deskError(log) }, log.status);
    return this.views.page(request, reply, 'desk/webhook-deliveries.hbs', {
      webhook: (webhooks.body ?? []).find((w) => w.id === id),
      deliveries: log.body.map((d) => ({ ...d, atDisplay: this.views.time(d.at), eventLabel: STRINGS.eventTypes[d.eventType] ?? d.eventType })),
    });
  }

  private async page(request: DeskRequest, reply: FastifyReply, form: WebhookForm, messages: PageMessages, status = 200): Promise<void> {
    const webhooks = await this.api.call<{ id: string; url: string; events: string[]; active: boolean; createdAt: string }[]>(request, request.desk.token, 'GET', '/webhooks');
    return this.views.page(
      request,
      reply,
      'desk/webhooks.hbs',
      {
        webhooks: (webhooks.body ?? []).map((w) => ({
          ...w,
          eventLabels: w.events.map((e) => STRINGS.eventTypes[e] ?? e).join(', '),
          createdDisplay: this.views.time(w.createdAt),
        })),
        form: { url: form.url ?? '' },
        events: checkboxes(WEBHOOK_EVENT_TYPES, STRINGS.eventTypes, checkedValues(form.events)),
        ...messages,
      },
      status,
    );
  }
}
