import { ApiProperty } from '@nestjs/swagger';
import type { User } from '@newsroom/database';

/** A member of staff as the drafts' records name them. */
export class StaffRef {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'Hani Fatunnisa' }) name: string;

  static of(user: User | null): StaffRef | null {
    return user ? { id: user.id, name: user.name } : null;
  }
}
