import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UserEvent, UserEventChanges, UserEventType } from '@newsroom/database';
import { StaffRef } from '../drafts/staff-ref.response';

/** One line of a staff account's audit. */
export class UserHistoryEntryResponse {
  @ApiProperty() at: string;
  @ApiProperty({ type: StaffRef, nullable: true, description: 'who made the change; null when the system did' }) actor: StaffRef | null;
  @ApiProperty({ enum: UserEventType }) type: UserEventType;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'each changed field with its value before and after, e.g. `{roles: {from: ["editor"], to: ["reporter"]}}`; never a password',
  })
  changes?: UserEventChanges;

  static of(e: UserEvent): UserHistoryEntryResponse {
    return { at: e.at.toISOString(), actor: StaffRef.of(e.actor), type: e.type, ...(e.changes ? { changes: e.changes } : {}) };
  }
}
