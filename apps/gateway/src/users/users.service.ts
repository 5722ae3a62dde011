import { FilterQuery, raw } from '@mikro-orm/core';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { pgArray, User, UserEvent, UserEventType } from '@newsroom/database';
import type { AuthUser } from '../auth/auth-user';
import { conflict, invalid, notFound, Role } from '@newsroom/domain';
import { LoginFailures } from '../auth/login-failures';
import { hashPassword } from '../auth/password-hasher';
import { GatewayConfig } from '../gateway.config';
import { CreateUserDto } from './dto/create-user.dto';

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly config: GatewayConfig,
    private readonly loginFailures: LoginFailures,
  ) {}

  async create(dto: CreateUserDto, actor: AuthUser): Promise<User> {
    const em = this.em.fork();
    const user = new User(dto.email, dto.name, await hashPassword(dto.password), dto.roles);
    const created = new UserEvent({ user, actor: em.getReference(User, actor.id), type: UserEventType.Created, changes: { name: { from: null, to: user.name }, roles: { from: null, to: user.roles } } });
    try {
      await em.persist([user, created]).flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw conflict('USER.EMAIL_TAKEN', `a user with email ${user.email} already exists`);
      throw error;
    }
    return user;
  }

  async get(id: string): Promise<User> {
    const user = await this.em.findOne(User, { id });
    if (!user) throw notFound('USER.NOT_FOUND', 'no such user');
    return user;
  }

  /** Lifts the per-account login lock before its window ends. */
  async unlock(id: string, actor: AuthUser): Promise<User> {
    const user = await this.get(id);
    await this.loginFailures.unlock(user.email);
    await this.em.fork().persist(new UserEvent({ user: this.em.getReference(User, user.id), actor: this.em.getReference(User, actor.id), type: UserEventType.Unlocked })).flush();
    return user;
  }

  /** The account's audit, oldest first. */
  async history(id: string): Promise<UserEvent[]> {
    await this.get(id);
    return this.em.find(UserEvent, { user: id }, { orderBy: { id: 'asc' }, populate: ['actor'] });
  }

  /** Oldest account first, ties by id; a page starts after the user whose id is `after`. */
  /** Who may be named an author of an article: active reporters, by name. */
  reporters(): Promise<User[]> {
    return this.em.find(User, { active: true, roles: { $contains: [Role.Reporter] } }, { orderBy: { name: 'asc', id: 'asc' } });
  }

  async list(limit: number, after?: string): Promise<User[]> {
    if (after && !(await this.em.count(User, { id: after }))) throw invalid('LIST.BAD_CURSOR', 'after must be the id of a user from a previous page');
    // Compared in Postgres: created_at holds microseconds (the first admin's comes from now()), a JavaScript Date only milliseconds.
    const where: FilterQuery<User> = after ? { [raw((alias) => `(${alias}.created_at, ${alias}.id) > (select created_at, id from users where id = ?)`, [after])]: [] } : {};
    return this.em.find(User, where, { orderBy: { createdAt: 'asc', id: 'asc' }, limit });
  }

  /**
   * The first admin comes from the environment. Every gateway replica tries on
   * start; the insert is a no-op when the email exists, so replicas cannot race.
   */
  async onApplicationBootstrap(): Promise<void> {
    const email = this.config.NEWSROOM_ADMIN_EMAIL.toLowerCase();
    const hash = await hashPassword(this.config.NEWSROOM_ADMIN_PASSWORD);
    const user = new User(email, 'Administrator', hash, [Role.Admin]);
    const result = await this.em
      .fork()
      .getConnection()
      .execute(
        `insert into users (id, email, name, password_hash, roles, created_at) values (?, ?, ?, ?, ?::text[], now()) on conflict (email) do nothing`,
        [user.id, user.email, user.name, user.passwordHash, pgArray(user.roles)],
        'run',
      );
    if ((result as { affectedRows?: number }).affectedRows) this.logger.log(`created the first admin ${email}`);
  }
}
