import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const PUBLIC_LIST_DEFAULT_LIMIT = 10;
export const PUBLIC_LIST_MAX_LIMIT = 100;

export class ListLatestQuery {
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

  @ApiPropertyOptional({
    description:
      'the next page: the `cursor` of the last item of the previous page (stable when several articles share a publishing time), ' +
      'or a time (ISO-8601 with an offset, or local "YYYY-MM-DD HH:mm") to list articles published strictly before it',
    example: '2024-12-05T16:38:00+07:00',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  before?: string;
}
