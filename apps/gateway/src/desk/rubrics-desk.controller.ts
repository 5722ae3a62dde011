import { Body, Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Role } from '@newsroom/domain';
import type { FastifyReply } from 'fastify';
import { Public, Roles } from '../auth/auth.decorators';
import { STRINGS } from '@newsroom/html';
import { formOutcome, PageMessages, text } from './admin-forms';
import { knownNotice } from './desk-flash';
import { DeskErrorsFilter } from './desk-errors.filter';
import { DeskGuard } from './desk.guard';
import { DeskRequest } from './desk-session';
import { DeskViews } from './desk-views.service';
import { StaffApi } from './staff-api.service';

interface RubricForm {
  slug?: string;
  name?: string;
}

/** The rubrics and the form that adds one: for admins and editors, as `POST /rubrics` allows. */
@ApiExcludeController()
@Public()
@UseGuards(DeskGuard)
@UseFilters(DeskErrorsFilter)
@Roles(Role.Admin, Role.Editor)
@Controller('desk/rubrics')
export class RubricsDeskController {
  constructor(
    private readonly api: StaffApi,
    private readonly views: DeskViews,
  ) {}

  @Get()
  list(@Query('done') done: string | undefined, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.page(request, reply, {}, { notice: knownNotice(done, { created: STRINGS.rubricCreated }) });
  }

  @Post()
  async create(@Body() form: RubricForm, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    const answer = await this.api.call(request, request.desk.token, 'POST', '/rubrics', { slug: text(form?.slug), name: text(form?.name) });
    return formOutcome(reply, answer, 201, '/desk/rubrics?done=created', (messages, status) => this.page(request, reply, form ?? {}, messages, status));
  }

  private async page(request: DeskRequest, reply: FastifyReply, form: RubricForm, messages: PageMessages, status = 200): Promise<void> {
    const rubrics = await this.api.call<{ slug: string; name: string }[]>(request, request.desk.token, 'GET', '/rubrics');
    return this.views.page(request, reply, 'desk/rubrics.hbs', { rubrics: rubrics.body ?? [], form: { slug: form.slug ?? '', name: form.name ?? '' }, ...messages }, status);
  }
}
