import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Role } from '@newsroom/domain';
import type { AuthSession } from '../auth/auth-session';
import { AuthUser } from '../auth/auth-user';
import { CurrentSession, CurrentUser, Roles } from '../auth/auth.decorators';
import { ChangeAccount } from './change-account.use-case';
import { ChangeOwnPassword } from './change-own-password.use-case';
import { ChangePasswordDto } from './dto/change-password.dto';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersQuery } from './dto/list-users.query';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserHistoryEntryResponse } from './user-history-entry.response';
import { ReporterResponse, UserResponse } from './user.response';
import { UsersService } from './users.service';

const REVOCATION_NOTE = 'every token the user holds is refused (401) on every gateway replica from then on, and their open review-queue streams close within a second';
const LAST_ADMIN = 'it would leave no active admin (USER.LAST_ADMIN); nothing changes';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly changeAccount: ChangeAccount,
    private readonly changeOwnPassword: ChangeOwnPassword,
  ) {}

  @Post()
  @Roles(Role.Admin)
  @ApiCreatedResponse({ type: UserResponse })
  @ApiConflictResponse({ description: 'the email is taken' })
  async create(@Body() dto: CreateUserDto, @CurrentUser() actor: AuthUser): Promise<UserResponse> {
    return UserResponse.of(await this.users.create(dto, actor));
  }

  @Get()
  @Roles(Role.Admin)
  @ApiOkResponse({ type: UserResponse, isArray: true, description: 'oldest account first (deactivated ones too); the next page starts `after` the last item\'s `id`' })
  @ApiBadRequestResponse({ description: 'limit outside 1..500, or `after` not the id of a user' })
  async list(@Query() query: ListUsersQuery): Promise<UserResponse[]> {
    return (await this.users.list(query.limit, query.after)).map((u) => UserResponse.of(u));
  }

  @Get('me')
  @ApiOkResponse({ type: UserResponse })
  async me(@CurrentUser() user: AuthUser): Promise<UserResponse> {
    return UserResponse.of(await this.users.get(user.id));
  }

  @Get('reporters')
  @ApiOkResponse({ type: ReporterResponse, isArray: true, description: 'every active reporter, by name: who may be named among an article\'s `authors` (any staff member may ask)' })
  async reporters(): Promise<ReporterResponse[]> {
    return (await this.users.reporters()).map((u) => ({ id: u.id, name: u.name }));
  }

  @Post('me/password')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the password is changed; every other token of the user is refused from then on, on every replica (this one lives on)' })
  @ApiBadRequestResponse({ description: 'a field missing or unknown, or a new password outside 8..200 characters' })
  @ApiForbiddenResponse({ description: 'the current password is wrong (USER.WRONG_PASSWORD); it counts as a failed login of the account' })
  @ApiTooManyRequestsResponse({ description: 'too many failed logins or password checks for this account within 15 minutes; see Retry-After' })
  @ApiServiceUnavailableResponse({ description: 'Redis is away: sessions cannot be ended; nothing changes; see Retry-After' })
  changePassword(@Body() dto: ChangePasswordDto, @CurrentSession() session: AuthSession): Promise<void> {
    return this.changeOwnPassword.execute(session, dto);
  }

  @Get(':id')
  @Roles(Role.Admin)
  @ApiOkResponse({ type: UserResponse })
  @ApiNotFoundResponse({ description: 'no such user' })
  async getOne(@Param('id', ParseUUIDPipe) id: string): Promise<UserResponse> {
    return UserResponse.of(await this.users.get(id));
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOkResponse({ type: UserResponse, description: `the account as changed. A change of roles ends the user's sessions: ${REVOCATION_NOTE}` })
  @ApiBadRequestResponse({ description: 'an unknown field, a blank name, an empty or unknown role' })
  @ApiNotFoundResponse({ description: 'no such user' })
  @ApiConflictResponse({ description: `taking \`admin\` from the last active admin: ${LAST_ADMIN}` })
  @ApiServiceUnavailableResponse({ description: 'Redis is away: sessions cannot be ended, so roles do not change; see Retry-After' })
  async update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateUserDto, @CurrentUser() actor: AuthUser): Promise<UserResponse> {
    return UserResponse.of(await this.changeAccount.update(id, dto, actor));
  }

  @Post(':id/deactivate')
  @Roles(Role.Admin)
  @HttpCode(200)
  @ApiOkResponse({ type: UserResponse, description: `\`active: false\`: the account cannot sign in (401) and ${REVOCATION_NOTE}. Already deactivated: nothing changes` })
  @ApiNotFoundResponse({ description: 'no such user' })
  @ApiConflictResponse({ description: `the last active admin: ${LAST_ADMIN}` })
  @ApiServiceUnavailableResponse({ description: 'Redis is away: sessions cannot be ended, so nothing changes; see Retry-After' })
  async deactivate(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() actor: AuthUser): Promise<UserResponse> {
    return UserResponse.of(await this.changeAccount.deactivate(id, actor));
  }

  @Post(':id/reactivate')
  @Roles(Role.Admin)
  @HttpCode(200)
  @ApiOkResponse({ type: UserResponse, description: '`active: true`: the account may sign in again (its old tokens stay dead). Already active: nothing changes' })
  @ApiNotFoundResponse({ description: 'no such user' })
  async reactivate(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() actor: AuthUser): Promise<UserResponse> {
    return UserResponse.of(await this.changeAccount.reactivate(id, actor));
  }

  @Get(':id/history')
  @Roles(Role.Admin)
  @ApiOkResponse({ type: UserHistoryEntryResponse, isArray: true, description: 'every change to the account, oldest first: created, renamed, roles_changed, deactivated, reactivated, password_changed, unlocked' })
  @ApiNotFoundResponse({ description: 'no such user' })
  async history(@Param('id', ParseUUIDPipe) id: string): Promise<UserHistoryEntryResponse[]> {
    return (await this.users.history(id)).map((e) => UserHistoryEntryResponse.of(e));
  }

  @Post(':id/unlock')
  @Roles(Role.Admin)
  @HttpCode(200)
  @ApiOkResponse({ type: UserResponse, description: 'the account\'s failed logins are forgotten: it may sign in again at once' })
  @ApiNotFoundResponse({ description: 'no such user' })
  async unlock(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() actor: AuthUser): Promise<UserResponse> {
    return UserResponse.of(await this.users.unlock(id, actor));
  }
}
