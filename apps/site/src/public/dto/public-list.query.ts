import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const PUBLIC_LIST_DEFAULT_LIMIT = 10;
export const PUBLIC_LIST_MAX_LIMIT = 100;

/** What every public list takes: a rubric filter and a page size. */
export class PublicListQuery {
  @ApiPropertyOptional({ description: 'only this rubric (its slug); an unknown rubric is a 404', example: 'dunia' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  rubric?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: PUBLIC_LIST_MAX_LIMIT, default: PUBLIC_LIST_DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PUBLIC_LIST_MAX_LIMIT)
  limit?: number;
}
