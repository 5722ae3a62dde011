import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { ArticleStatus, STAFF_STATUSES } from '@newsroom/domain';

export const STAFF_SEARCH_DEFAULT_LIMIT = 10;

export class SearchDraftsQuery {
  @ApiProperty({ description: 'as for GET /articles/search: 1..200 characters, word forms, "phrases", -word, one typo forgiven', example: 'pakta pertahanan' })
  @IsString()
  @MaxLength(10_000)
  q: string;

  // `discarded` is kept in the database only: filtering by it is a 400, as for any unknown status
  @ApiPropertyOptional({ enum: [...STAFF_STATUSES] })
  @IsOptional()
  @IsIn([...STAFF_STATUSES])
  status?: ArticleStatus;

  @ApiPropertyOptional({ description: 'only this rubric (its slug)', example: 'dunia' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  rubric?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'only articles by this staff member' })
  @IsOptional()
  @IsUUID()
  author?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: STAFF_SEARCH_DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;

  @ApiPropertyOptional({ description: 'the next page: `nextCursor` of the previous page of the same search' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  cursor?: string;
}
