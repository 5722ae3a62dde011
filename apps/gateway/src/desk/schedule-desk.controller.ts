import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Role } from '@newsroom/domain';
import type { FastifyReply } from 'fastify';
import { Public, Roles } from '../auth/auth.decorators';
import { STRINGS } from '../ui/strings.id';
import { calendarDays, CalendarView, addDays, dayLabel, isDay, localDay, localInputValue, localTime } from './calendar-days';
import { DeskErrorsFilter } from './desk-errors.filter';
import { DeskGuard } from './desk.guard';
import { DeskRequest } from './desk-session';
import { DeskViews } from './desk-views.service';
import { apiMessage, StaffApi } from './staff-api.service';

/** How far back the calendar looks for scheduled articles that should be live by now. */
const OVERDUE_LOOKBACK_DAYS = 7;

/**
 * The scheduler's calendar (day and week, in the newsroom's zone): what is
 * scheduled when, overdue items flagged, and the approved articles waiting
 * for a slot; schedule, reschedule, unschedule and publish now.
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
  ) {}

  @Get()
  calendar(@Query('view') view: string | undefined, @Query('date') date: string | undefined, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.calendarPage(request, reply, view === 'day' ? 'day' : 'week', isDay(date) ? date : undefined);
  }

  /** schedule (or reschedule), unschedule, publish: the buttons of one article. */
  @Post(':id/:action')
  async act(
    @Param('id') id: string,
    @Param('action') action: string,
    @Body() form: { publishAt?: string; version?: string; back?: string },
    @Req() request: DeskRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const path = `/articles/${encodeURIComponent(id)}`;
    const version = form?.version ? { version: Number(form.version) } : {};
    const answer =
      action === 'schedule'
        ? await this.api.call(request, request.desk.token, 'POST', `${path}/schedule`, { ...version, publishAt: form?.publishAt ?? '' })
        : action === 'unschedule'
          ? await this.api.call(request, request.desk.token, 'DELETE', `${path}/schedule`)
          : action === 'publish'
            ? await this.api.call(request, request.desk.token, 'POST', `${path}/publish`, version)
            : { status: 404, body: { message: STRINGS.actionFailed } };
    if (answer.status !== 200) return this.calendarPage(request, reply, 'week', undefined, `${STRINGS.actionFailed}: ${apiMessage(answer)}`, answer.status);
    // back to the calendar the form was on (only our own calendar URLs)
    const back = typeof form?.back === 'string' && form.back.startsWith('/desk/schedule') ? form.back : '/desk/schedule';
    await reply.redirect(back, 303);
  }

  private async calendarPage(request: DeskRequest, reply: FastifyReply, view: CalendarView, date: string | undefined, error?: string, status = 200): Promise<void> {
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
    const entry = (a: any) => {
      const at = new Date(a.scheduledFor);
      return { ...a, time: localTime(at, tz), day: localDay(at, tz), inputValue: localInputValue(at, tz), overdue: at.getTime() < now.getTime() };
    };
    const entries = (scheduled.body ?? []).map(entry);
    const self = `/desk/schedule?view=${view}&date=${date ?? today}`;
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
          previous: `/desk/schedule?view=${view}&date=${addDays(days[0], -step)}`,
          next: `/desk/schedule?view=${view}&date=${addDays(days[0], step)}`,
          today: `/desk/schedule?view=${view}`,
          day: `/desk/schedule?view=day&date=${date ?? today}`,
          week: `/desk/schedule?view=week&date=${date ?? today}`,
        },
        days: days.map((day) => ({ day, label: dayLabel(day), isToday: day === today, items: entries.filter((e: any) => e.day === day) })),
        overdue: (overdue.body ?? []).map(entry),
        approved: (approved.body ?? []).map((a) => ({ ...a, suggested: localInputValue(new Date(now.getTime() + 60 * 60_000), tz) })),
        error,
      },
      status,
    );
  }
}
