import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { User } from '@newsroom/database';
import { DomainError } from '@newsroom/domain';
import { LoginResponse } from './dto/login.response';
import { hashPassword, verifyPassword } from './password-hasher';
import { UserResponse } from '../users/user.response';

// Verified against when the email is unknown, so a wrong email costs as much time as a wrong password.
let decoyHash: Promise<string> | undefined;

@Injectable()
export class AuthService {
  constructor(
    private readonly em: EntityManager,
    private readonly jwt: JwtService,
  ) {}

  async login(email: string, password: string): Promise<LoginResponse> {
    const user = await this.em.findOne(User, { email: email.trim().toLowerCase() }, { populate: ['passwordHash'] });
    const ok = user ? await verifyPassword(password, user.passwordHash) : await verifyPassword(password, await (decoyHash ??= hashPassword('decoy')));
    if (!user || !ok) throw new DomainError('unauthenticated', 'AUTH.BAD_CREDENTIALS', 'wrong email or password');
    const accessToken = await this.jwt.signAsync({ sub: user.id, email: user.email, name: user.name, roles: user.roles });
    return { accessToken, user: UserResponse.of(user) };
  }
}
