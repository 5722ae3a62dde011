import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { ArticleStatus, STAFF_STATUSES } from '@newsroom/domain';
import { IsIsoTimeInNewsroomYears } from '@newsroom/http';

export class ListDraftsQuery {
  // `discarded` is kept in the database only: filtering by it is a 400, as for any unknown status
  @ApiPropertyOptional({ enum: [...STAFF_STATUSES] })
  @IsOptional()
  @IsIn([...STAFF_STATUSES])
  status?: ArticleStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({
    description: 'cursor: only articles updated before this time (the last item\'s `updatedAt`; with `beforeId`, also those updated at that very time that come after it)',
    example: '2024-12-05T09:38:00.000Z',
  })
  @IsOptional()
  @IsIsoTimeInNewsroomYears()
  before?: string;

  /**
   * Many articles can share an `updatedAt` (a scheduled burst is published in
   * batches of one moment), so `before` alone would skip the rest of a page's
   * last moment: with the last item's id too, the next page starts right after it.
   */
  @ApiPropertyOptional({ format: 'uuid', description: 'cursor, with `before`: the last item\'s `id`, so articles sharing its `updatedAt` are neither skipped nor repeated' })
  @IsOptional()
  @IsUUID()
  beforeId?: string;
}
