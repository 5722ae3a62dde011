import { ApiProperty } from '@nestjs/swagger';
import { Role } from '@newsroom/domain';
import { User } from '@newsroom/database';

export class UserResponse {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: Role, isArray: true }) roles: Role[];
  @ApiProperty({ description: 'false once deactivated: the account cannot sign in and every token it held is dead' }) active: boolean;

  static of(user: Pick<User, 'id' | 'email' | 'name' | 'roles' | 'active'>): UserResponse {
    return { id: user.id, email: user.email, name: user.name, roles: user.roles, active: user.active };
  }
}

/** A reporter as an article's byline names them (GET /users/reporters: no email, no roles). */
export class ReporterResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'Budi Santoso' }) name: string;
}
