import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArticleEvent } from '@newsroom/database';
import { HistoryType } from '@newsroom/domain';
import { StaffRef } from './staff-ref.response';

/** One line of an article's history. */
export class HistoryEntryResponse {
  @ApiProperty() at: string;
  @ApiProperty({ type: StaffRef, nullable: true, description: 'null when the system acted (the submission check, the publisher)' }) actor: StaffRef | null;
  @ApiProperty({ enum: HistoryType }) type: string;
  @ApiProperty({ nullable: true, type: String, description: 'status before' }) from: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'status after' }) to: string | null;
  @ApiProperty({ description: 'the article\'s version after the event' }) version: number;
  @ApiPropertyOptional({ description: 'present when there is one (a decision\'s reason, a bounced submission\'s reasons)' }) comment?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'details, e.g. `{reasons: [...]}` for a bounced submission' })
  data?: Record<string, unknown>;

  static of(e: ArticleEvent): HistoryEntryResponse {
    return {
      at: e.at.toISOString(),
      actor: StaffRef.of(e.actor),
      type: e.type,
      from: e.fromStatus,
      to: e.toStatus,
      version: e.version,
      ...(e.comment ? { comment: e.comment } : {}),
      ...(e.data ? { data: e.data } : {}),
    };
  }
}
