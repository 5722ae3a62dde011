import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ALL_ROLES, Role } from '@newsroom/domain';
import { STRINGS } from '@newsroom/html';
import type { FastifyReply } from 'fastify';
import { Public, Roles } from '../auth/auth.decorators';
import { checkboxes, checkedValues, deskError, PageMessages, text } from './admin-forms';
import { knownNotice } from './desk-flash';
import { DeskErrorsFilter } from './desk-errors.filter';
import { DeskGuard } from './desk.guard';
import { DeskRequest } from './desk-session';
import { DeskViews } from './desk-views.service';
import { ApiAnswer, StaffApi } from './staff-api.service';

/** A user as the API gives one. */
interface Account {
  id: string;
  email: string;
  name: string;
  roles: string[];
  active: boolean;
}

/** One line of GET /users/:id/history. */
interface AccountEvent {
  at: string;
  type: string;
  actor: { id: string; name: string } | null;
  changes?: Record<string, { from: unknown; to: unknown }>;
}

/** The account form as the browser posts it. */
interface AccountForm {
  name?: string;
  roles?: string | string[];
}

const roleLabels = (roles: unknown) => (Array.isArray(roles) ? roles.map((r) => STRINGS.roleNames[String(r)] ?? String(r)).join(', ') : '');

/** What changed, in the desk's words: `Reporter → Reporter, Editor`, a name from and to. */
function changeDetail(e: AccountEvent): string {
  const { name, roles } = e.changes ?? {};
  if (e.type === 'roles_changed' && roles) return `${roleLabels(roles.from)} → ${roleLabels(roles.to)}`;
  if (e.type === 'renamed' && name) return `${String(name.from)} → ${String(name.to)}`;
  return '';
}

/**
 * The admin's page for one account (`/desk/users/:id`): rename it, change
 * its roles, deactivate or reactivate it, and its audit. Each form acts
 * through the API (PATCH /users/:id, POST .../deactivate|reactivate), so the
 * last-admin rule and the revocation of sessions hold here too.
 */
@ApiExcludeController()
@Public()
@UseGuards(DeskGuard)
@UseFilters(DeskErrorsFilter)
@Roles(Role.Admin)
@Controller('desk/users')
export class AccountDeskController {
  constructor(
    private readonly api: StaffApi,
    private readonly views: DeskViews,
  ) {}

  @Get(':id')
  show(@Param('id', ParseUUIDPipe) id: string, @Query('done') done: string | undefined, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.page(id, request, reply, undefined, { notice: knownNotice(done, STRINGS.accountDone) });
  }

  @Post(':id')
  async update(@Param('id', ParseUUIDPipe) id: string, @Body() form: AccountForm, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    const answer = await this.api.call(request, request.desk.token, 'PATCH', `/users/${id}`, { name: text(form?.name), roles: checkedValues(form?.roles) });
    return this.outcome(id, answer, 'updated', request, reply, form ?? {});
  }

  @Post(':id/deactivate')
  async deactivate(@Param('id', ParseUUIDPipe) id: string, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.outcome(id, await this.api.call(request, request.desk.token, 'POST', `/users/${id}/deactivate`), 'deactivated', request, reply);
  }

  @Post(':id/reactivate')
  async reactivate(@Param('id', ParseUUIDPipe) id: string, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.outcome(id, await this.api.call(request, request.desk.token, 'POST', `/users/${id}/reactivate`), 'reactivated', request, reply);
  }

  /** 303 back to the account with the notice, or the page again with the refusal in Indonesian (and what was typed). */
  private async outcome(id: string, answer: ApiAnswer, done: string, request: DeskRequest, reply: FastifyReply, form?: AccountForm): Promise<void> {
    if (answer.status !== 200) return this.page(id, request, reply, form, { error: deskError(answer) }, answer.status);
    // an admin who took their own access away has no session left: the next page is the login
    await reply.redirect(`/desk/users/${id}?done=${done}`, 303);
  }

  private async page(id: string, request: DeskRequest, reply: FastifyReply, form: AccountForm | undefined, messages: PageMessages, status = 200): Promise<void> {
    const [account, history] = await Promise.all([
      this.api.call<Account>(request, request.desk.token, 'GET', `/users/${id}`),
      this.api.call<AccountEvent[]>(request, request.desk.token, 'GET', `/users/${id}/history`),
    ]);
    if (account.status !== 200 || history.status !== 200) {
      const failed = account.status !== 200 ? account : history;
      return this.views.page(request, reply, 'desk/message.hbs', { message: deskError(failed) }, failed.status);
    }
    const shown = form ?? { name: account.body.name, roles: account.body.roles };
    return this.views.page(
      request,
      reply,
      'desk/user-account.hbs',
      {
        account: account.body,
        form: { name: shown.name ?? '' },
        roles: checkboxes(ALL_ROLES, STRINGS.roleNames, checkedValues(shown.roles)),
        history: history.body.map((e) => ({ ...e, label: STRINGS.userEventTypes[e.type] ?? e.type, atDisplay: this.views.time(e.at), detail: changeDetail(e) })),
        ...messages,
      },
      status,
    );
  }
}

/** Any staff member changes their own password (`/desk/password`, through POST /users/me/password). */
@ApiExcludeController()
@Public()
@UseGuards(DeskGuard)
@UseFilters(DeskErrorsFilter)
@Controller('desk/password')
export class PasswordDeskController {
  constructor(
    private readonly api: StaffApi,
    private readonly views: DeskViews,
  ) {}

  @Get()
  show(@Query('done') done: string | undefined, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.views.page(request, reply, 'desk/password.hbs', { notice: knownNotice(done, { changed: STRINGS.passwordChanged }) });
  }

  /** The passwords typed are never written back into the page. */
  @Post()
  async change(@Body() form: { currentPassword?: string; newPassword?: string }, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    const answer = await this.api.call(request, request.desk.token, 'POST', '/users/me/password', {
      currentPassword: form?.currentPassword ?? '',
      newPassword: form?.newPassword ?? '',
    });
    if (answer.status !== 204) return this.views.page(request, reply, 'desk/password.hbs', { error: deskError(answer) }, answer.status);
    await reply.redirect('/desk/password?done=changed', 303);
  }
}
