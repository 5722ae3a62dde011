import { Inject, Injectable } from '@nestjs/common';
import { formatNewsroomTime } from '@newsroom/domain';
import type { FastifyReply } from 'fastify';
import { GatewayConfig } from '../gateway.config';
import { PAGE_CACHE, sendFragment, sendPage } from '@newsroom/html';
import { STRINGS } from '@newsroom/html';
import { flashMessage } from './desk-flash';
import { DeskRequest, deskNav } from './desk-session';

/** One line of an article's history as the API gives it. */
interface HistoryEvent {
  type: string;
  at: string;
  [field: string]: unknown;
}

/** Renders desk pages (never cached: they are one person's) and shows times in the newsroom's zone. */
@Injectable()
export class DeskViews {
  constructor(@Inject(GatewayConfig) private readonly config: GatewayConfig) {}

  get timeZone(): string {
    return this.config.NEWSROOM_TZ;
  }

  /** A desk page in its layout; `?ok=<key>` (where a change that worked lands) shows its message as a toast. */
  page(request: DeskRequest, reply: FastifyReply, template: string, data: Record<string, unknown>, status = 200): Promise<void> {
    const user = request.desk?.user;
    const nav = user ? deskNav(user, request.url, STRINGS) : [];
    const flash = flashMessage((request.query as Record<string, unknown> | undefined)?.ok);
    return sendPage(request, reply, template, { user, nav, flash, ...data }, { layout: 'layouts/desk.hbs', status, cache: PAGE_CACHE.private });
  }

  fragment(reply: FastifyReply, template: string, data: Record<string, unknown>, status = 200): Promise<void> {
    return sendFragment(reply, template, data, status);
  }

  /** `Kamis, 05 Desember 2024 | 16:38 WIB`, or '' for a missing time. */
  time(iso: string | null | undefined): string {
    return iso ? formatNewsroomTime(new Date(iso), this.config.NEWSROOM_TZ) : '';
  }

  /** History lines with their Indonesian names and local times, oldest first as the API lists them. */
  history<T extends HistoryEvent>(events: T[]): (T & { label: string; atDisplay: string })[] {
    return events.map((e) => ({ ...e, label: STRINGS.historyTypes[e.type] ?? e.type, atDisplay: this.time(e.at) }));
  }
}
