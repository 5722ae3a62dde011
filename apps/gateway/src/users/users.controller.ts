import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Role } from '@newsroom/domain';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersQuery } from './dto/list-users.query';
import { UserResponse } from './user.response';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles(Role.Admin)
  @ApiCreatedResponse({ type: UserResponse })
  @ApiConflictResponse({ description: 'the email is taken' })
  async create(@Body() dto: CreateUserDto): Promise<UserResponse> {
    return UserResponse.of(await this.users.create(dto));
  }

  @Get()
  @Roles(Role.Admin)
  @ApiOkResponse({ type: UserResponse, isArray: true, description: 'oldest account first; the next page starts `after` the last item\'s `id`' })
  @ApiBadRequestResponse({ description: 'limit outside 1..500, or `after` not the id of a user' })
  async list(@Query() query: ListUsersQuery): Promise<UserResponse[]> {
    return (await this.users.list(query.limit, query.after)).map((u) => UserResponse.of(u));
  }

  @Post(':id/unlock')
  @Roles(Role.Admin)
  @HttpCode(200)
  @ApiOkResponse({ type: UserResponse, description: 'the account\'s failed logins are forgotten: it may sign in again at once' })
  @ApiNotFoundResponse({ description: 'no such user' })
  async unlock(@Param('id', ParseUUIDPipe) id: string): Promise<UserResponse> {
    return UserResponse.of(await this.users.unlock(id));
  }

  @Get('me')
  @ApiOkResponse({ type: UserResponse })
  async me(@CurrentUser() user: AuthUser): Promise<UserResponse> {
    return UserResponse.of(await this.users.get(user.id));
  }
}
