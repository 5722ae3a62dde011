import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Role } from '@newsroom/domain';
import type { FastifyReply } from 'fastify';
import { Public, Roles } from '../auth/auth.decorators';
import { calendarDays, CalendarView, addDays, dayLabel, hourRows, isDay, localDay, localInputValue, localTime } from './calendar-days';
import { DeskErrorsFilter } from './desk-errors.filter';
import { backQuery, deskBack } from './desk-flash';
import { DeskPublishing, PublishingAction, PublishingForm } from './desk-publishing.service';
import { DeskGuard } from './desk.guard';
import { DeskRequest } from './desk-session';
import { DeskViews } from './desk-views.service';
import { liveArticleHref } from './live-revision';
import { deskActionBase, PublishingTarget, REVISION_ACTIONS, slotChoice, slotTarget } from './publishing-target';
import { StaffApi } from './staff-api.service';

/** How far back the calendar looks for scheduled articles that should be live by now. */
const OVERDUE_LOOKBACK_DAYS = 7;
/** The calendar's own buttons (unpublishing lives with the published articles). */
const CALENDAR_ACTIONS: PublishingAction[] = ['schedule', 'unschedule', 'publish'];
const HOUR = /^([01]\d|2[0-3])$/;

/** Which calendar to show: a day or a week around a date, and in the day view the hour whose slot form is open. */
interface CalendarQuery {
  view: CalendarView;
  date?: string;
  slot?: string;
}

function calendarQuery(query: { view?: unknown; date?: unknown; slot?: unknown }): CalendarQuery {
  return {
    view: query.view === 'day' ? 'day' : 'week',
    date: isDay(query.date) ? query.date : undefined,
    slot: typeof query.slot === 'string' && HOUR.test(query.slot) ? query.slot : undefined,
  };
}

/**
 * The scheduler's calendar (in the newsroom's zone): the day as an hour grid,
 * where an empty hour ahead offers a slot for an approved article, and the
 * week as seven columns; overdue items flagged, the approved articles waiting
 * for a slot; schedule, reschedule, unschedule and publish now.
 *
 * Approved and scheduled revisions of live articles stand among them, marked
 * as updates; their buttons post to `/desk/schedule/:liveId/revisions/:id/...`,
 * which calls the revision endpoints (never the article's own).
 */
@ApiExcludeController()
@Public()
@UseGuards(DeskGuard)
@UseFilters(DeskErrorsFilter)
@Roles(Role.Scheduler, Role.Editor)
@Controller('desk/schedule')
export class ScheduleDeskController {
  constructor(
    private readonly api: StaffApi,
    private readonly views: DeskViews,
    private readonly publishing: DeskPublishing,
  ) {}

  @Get()
  calendar(@Query() query: Record<string, unknown>, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.calendarPage(request, reply, calendarQuery(query ?? {}));
  }

  /** The form of an empty hour in the day view: an approved article (or revision) chosen from the list, at that hour. */
  @Post('slot')
  slot(@Body() form: PublishingForm & { article?: string }, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    const target = slotTarget(form?.article);
    return this.press(target, 'schedule', target.revisionOf ? REVISION_ACTIONS : CALENDAR_ACTIONS, form, request, reply);
  }

  /** schedule (or reschedule), unschedule, publish: the buttons of one article; back to the calendar the form was on. */
  @Post(':id/:action')
  act(@Param('id') id: string, @Param('action') action: string, @Body() form: PublishingForm, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.press({ id }, action, CALENDAR_ACTIONS, form, request, reply);
  }

  /** The same buttons for a revision of a live article, through that article's revision endpoints. */
  @Post(':id/revisions/:revisionId/:action')
  actOnRevision(
    @Param('id') liveId: string,
    @Param('revisionId') revisionId: string,
    @Param('action') action: string,
    @Body() form: PublishingForm,
    @Req() request: DeskRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.press({ id: revisionId, revisionOf: liveId }, action, REVISION_ACTIONS, form, request, reply);
  }

  private press(target: PublishingTarget, action: string, offered: readonly PublishingAction[], form: PublishingForm, request: DeskRequest, reply: FastifyReply): Promise<void> {
    const back = deskBack(form?.back, '/desk/schedule');
    return this.publishing.press(request, reply, { target, action, form, offered, back }, (error, status) =>
      this.calendarPage(request, reply, calendarQuery(backQuery(back)), error, status),
    );
  }

  private async calendarPage(request: DeskRequest, reply: FastifyReply, shown: CalendarQuery, error?: string, status = 200): Promise<void> {
    const { view, date, slot } = shown;
    const tz = this.views.timeZone;
    const now = new Date();
    const today = localDay(now, tz);
    const { days, step } = calendarDays(view, date ?? today);
    const from = `${days[0]} 00:00`;
    const to = `${addDays(days.at(-1)!, 1)} 00:00`;
    const [scheduled, overdue, approved] = await Promise.all([
      this.api.call<any[]>(request, request.desk.token, 'GET', `/schedule?${new URLSearchParams({ from, to, limit: '500' })}`),
      this.api.call<any[]>(request, request.desk.token, 'GET', `/schedule?${new URLSearchParams({ from: `${addDays(today, -OVERDUE_LOOKBACK_DAYS)} 00:00`, to: now.toISOString(), limit: '100' })}`),
      this.api.call<any[]>(request, request.desk.token, 'GET', '/drafts?status=approved&limit=100'),
    ]);
    // a revision's buttons post to its own route, and it links the live article it updates
    const actions = (a: any) => ({
      actionBase: deskActionBase('/desk/schedule', a),
      choice: slotChoice(a),
      liveHref: a.revisionOf ? liveArticleHref(request.desk.user, a.revisionOf) : undefined,
    });
    const entry = (a: any) => {
      const at = new Date(a.scheduledFor);
      return { ...a, ...actions(a), time: localTime(at, tz), day: localDay(at, tz), inputValue: localInputValue(at, tz), overdue: at.getTime() < now.getTime() };
    };
    const entries = (scheduled.body ?? []).map(entry);
    const waiting = (approved.body ?? []).map((a) => ({ ...a, ...actions(a), suggested: localInputValue(new Date(now.getTime() + 60 * 60_000), tz) }));
    const self = `/desk/schedule?view=${view}&date=${date ?? today}`;
    const calendarOf = (day: string) => `/desk/schedule?view=day&date=${day}`;
    return this.views.page(
      request,
      reply,
      'desk/calendar.hbs',
      {
        view,
        isWeek: view === 'week',
        back: self,
        title: view === 'day' ? dayLabel(days[0]) : `${dayLabel(days[0])} – ${dayLabel(days.at(-1)!)}`,
        links: {
          self,
          previous: `/desk/schedule?view=${view}&date=${addDays(days[0], -step)}`,
          next: `/desk/schedule?view=${view}&date=${addDays(days[0], step)}`,
          today: `/desk/schedule?view=${view}`,
          day: calendarOf(date ?? today),
          week: `/desk/schedule?view=week&date=${date ?? today}`,
        },
        days: days.map((day) => ({ day, label: dayLabel(day), href: calendarOf(day), isToday: day === today, items: entries.filter((e: any) => e.day === day) })),
        // the day view's hours: an empty one still ahead offers a slot (a link without JavaScript, one form at a time)
        hours:
          view === 'day'
            ? hourRows(days[0], entries, now, tz).map((row) => {
                const offersSlot = row.ahead && row.items.length === 0 && waiting.length > 0;
                return { ...row, slotOpen: offersSlot && row.hour === slot, slotHref: offersSlot ? `${self}&slot=${row.hour}#jam-${row.hour}` : undefined };
              })
            : [],
        overdue: (overdue.body ?? []).map(entry),
        approved: waiting,
        error,
      },
      status,
    );
  }
}
