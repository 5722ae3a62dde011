import { Body, Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ALL_ROLES, Role } from '@newsroom/domain';
import type { FastifyReply } from 'fastify';
import { Public, Roles } from '../auth/auth.decorators';
import { STRINGS } from '@newsroom/html';
import { USERS_MAX_LIMIT } from '../users/dto/list-users.query';
import { checkboxes, checkedValues, formOutcome, PageMessages, text } from './admin-forms';
import { knownNotice } from './desk-flash';
import { DeskErrorsFilter } from './desk-errors.filter';
import { DeskGuard } from './desk.guard';
import { DeskRequest } from './desk-session';
import { DeskViews } from './desk-views.service';
import { apiMessage, StaffApi } from './staff-api.service';

/** A user as GET /users lists them. */
interface ListedUser {
  id: string;
  email: string;
  name: string;
  roles: string[];
  active: boolean;
}

/** The new-account form as the browser posts it. */
interface UserForm {
  email?: string;
  name?: string;
  password?: string;
  roles?: string | string[];
}

/**
 * The admin's staff list and the form that opens an account (email, name,
 * password, roles). A refused form comes back with what was typed, except the
 * password: it is never written into a page.
 */
@ApiExcludeController()
@Public()
@UseGuards(DeskGuard)
@UseFilters(DeskErrorsFilter)
@Roles(Role.Admin)
@Controller('desk/users')
export class UsersDeskController {
  constructor(
    private readonly api: StaffApi,
    private readonly views: DeskViews,
  ) {}

  @Get()
  list(@Query('done') done: string | undefined, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.page(request, reply, {}, { notice: knownNotice(done, { created: STRINGS.userCreated }) });
  }

  @Post()
  async create(@Body() form: UserForm, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    const answer = await this.api.call(request, request.desk.token, 'POST', '/users', {
      email: text(form?.email),
      name: text(form?.name),
      password: form?.password ?? '',
      roles: checkedValues(form?.roles),
    });
    return formOutcome(reply, answer, 201, '/desk/users?done=created', (messages, status) => this.page(request, reply, form ?? {}, messages, status));
  }

  private async page(request: DeskRequest, reply: FastifyReply, form: UserForm, messages: PageMessages, status = 200): Promise<void> {
    const users = await this.everyUser(request);
    return this.views.page(
      request,
      reply,
      'desk/users.hbs',
      {
        users: users.map((u) => ({ ...u, roleLabels: u.roles.map((r) => STRINGS.roleNames[r] ?? r).join(', ') })),
        form: { email: form.email ?? '', name: form.name ?? '' },
        roles: checkboxes(ALL_ROLES, STRINGS.roleNames, checkedValues(form.roles)),
        ...messages,
      },
      status,
    );
  }

  /** The API pages GET /users; the staff list shows every account, so it follows the pages to the end. */
  private async everyUser(request: DeskRequest): Promise<ListedUser[]> {
    const users: ListedUser[] = [];
    for (;;) {
      const after = users.length ? `&after=${users[users.length - 1].id}` : '';
      const page = await this.api.call<ListedUser[]>(request, request.desk.token, 'GET', `/users?limit=${USERS_MAX_LIMIT}${after}`);
      if (page.status !== 200) throw new Error(`GET /users answered ${page.status}: ${apiMessage(page)}`);
      users.push(...page.body);
      if (page.body.length < USERS_MAX_LIMIT) return users;
    }
  }
}
