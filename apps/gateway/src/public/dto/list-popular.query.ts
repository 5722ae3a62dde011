import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DEFAULT_POPULAR_WINDOW, POPULAR_WINDOWS, PopularWindow } from '../popular-window';
import { PUBLIC_LIST_DEFAULT_LIMIT, PUBLIC_LIST_MAX_LIMIT } from './list-latest.query';

export class ListPopularQuery {
  @ApiPropertyOptional({ enum: POPULAR_WINDOWS, default: DEFAULT_POPULAR_WINDOW, description: 'views counted in this rolling window' })
  @IsOptional()
  @IsIn(POPULAR_WINDOWS)
  window?: PopularWindow;

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
