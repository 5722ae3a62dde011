import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { STRINGS } from '@newsroom/html';
import { FlashKey, redirectWithFlash } from './desk-flash';
import { DeskRequest } from './desk-session';
import { publishingCall, PublishingTarget } from './publishing-target';
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

/** One button pressed on a desk page: which article (or revision of a live article), which action, from the buttons that page offers. */
export interface PublishingPress {
  target: PublishingTarget;
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
    const call = action ? publishingCall(press.target, action, press.form) : undefined;
    const answer: ApiAnswer = call ? await this.api.call(request, request.desk.token, call.method, call.url, call.payload) : { status: 404, body: { message: STRINGS.unknownAction } };
    if (answer.status !== 200 || !action || !call) return failed(`${STRINGS.actionFailed}: ${apiMessage(answer)}`, answer.status);
    return redirectWithFlash(reply, press.back, PUBLISHING_DONE[action]);
  }
}
