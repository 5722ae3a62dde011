import { Body, Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ALL_ROLES, Role } from '@newsroom/domain';
import type { FastifyReply } from 'fastify';
import { Public, Roles } from '../auth/auth.decorators';
import { STRINGS } from '../ui/strings.id';
import { checkboxes, checkedValues, doneNotice, formOutcome, PageMessages, text } from './admin-forms';
import { DeskErrorsFilter } from './desk-errors.filter';
import { DeskGuard } from './desk.guard';
import { DeskRequest } from './desk-session';
import { DeskViews } from './desk-views.service';
import { StaffApi } from './staff-api.service';

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
    return this.page(request, reply, {}, { notice: doneNotice(done, { created: STRINGS.userCreated }) });
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
    const users = await this.api.call<{ id: string; email: string; name: string; roles: string[] }[]>(request, request.desk.token, 'GET', '/users');
    return this.views.page(
      request,
      reply,
      'desk/users.hbs',
      {
        users: (users.body ?? []).map((u) => ({ ...u, roleLabels: u.roles.map((r) => STRINGS.roleNames[r] ?? r).join(', ') })),
        form: { email: form.email ?? '', name: form.name ?? '' },
        roles: checkboxes(ALL_ROLES, STRINGS.roleNames, checkedValues(form.roles)),
        ...messages,
      },
      status,
    );
  }
}
