import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { STRINGS } from '@newsroom/html';
import { FlashKey, redirectWithFlash } from './desk-flash';
import { DeskRequest } from './desk-session';
import { ApiAnswer, apiMessage, StaffApi } from './staff-api.service';

/** The desk's publishing buttons, as the API names them. */
export const PUBLISHING_ACTIONS = ['schedule', 'unschedule', 'publish', 'unpublish'] as const;
export type PublishingAction = (typeof PUBLISHING_ACTIONS)[number];

/** What the desk says once an action worked. */
export const PUBLISHING_DONE: Record<PublishingAction, FlashKey> = {
  schedule: 'scheduled',
  unschedule: 'unscheduled',
  publish: 'published',
  unpublish: 'unpublished',
};

/** The fields the desk's publishing forms post (application/x-www-form-urlencoded). */
export interface PublishingForm {
  publishAt?: string;
  version?: string;
  reason?: string;
  back?: string;
}

/** One button pressed on a desk page: which article, which action, from the buttons that page offers. */
export interface PublishingPress {
  id: string;
  action: string;
  form: PublishingForm | undefined;
  offered: readonly PublishingAction[];
  /** the page to return to once it worked */
  back: string;
}

/**
 * The publishing actions on one article through the API, with the staff
 * member's token: the calendar, the published list and the article page
 * each offer some of these buttons, and the API alone decides.
 */
@Injectable()
export class DeskPublishing {
  constructor(private readonly api: StaffApi) {}

  /**
   * Does what the button says and answers the browser: once it worked, back
   * to `back` with its message (htmx swaps the page's region from that same
   * answer); if the API refused, `failed` shows the form's page again with the
   * reason, at the API's status.
   */
  async press(request: DeskRequest, reply: FastifyReply, press: PublishingPress, failed: (error: string, status: number) => Promise<void>): Promise<void> {
    const action = press.offered.find((a) => a === press.action);
    const answer: ApiAnswer = action ? await this.act(request, press.id, action, press.form) : { status: 404, body: { message: STRINGS.unknownAction } };
    if (answer.status !== 200 || !action) return failed(`${STRINGS.actionFailed}: ${apiMessage(answer)}`, answer.status);
    return redirectWithFlash(reply, press.back, PUBLISHING_DONE[action]);
  }

  private act(request: DeskRequest, id: string, action: PublishingAction, form: PublishingForm | undefined): Promise<ApiAnswer> {
    const path = `/articles/${encodeURIComponent(id)}`;
    const token = request.desk.token;
    // the version the page showed: a stale one is a 409 and nothing changes
    const version = form?.version ? { version: Number(form.version) } : {};
    switch (action) {
      case 'schedule':
        return this.api.call(request, token, 'POST', `${path}/schedule`, { ...version, publishAt: form?.publishAt ?? '' });
      case 'unschedule':
        return this.api.call(request, token, 'DELETE', `${path}/schedule`);
      case 'publish':
        return this.api.call(request, token, 'POST', `${path}/publish`, version);
      case 'unpublish':
        // a blank reason goes to the API as is, which names the missing reason
        return this.api.call(request, token, 'POST', `${path}/unpublish`, { ...version, reason: form?.reason ?? '' });
    }
  }
}
