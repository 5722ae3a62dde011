import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DEFAULT_POPULAR_WINDOW, POPULAR_WINDOWS, PopularWindow } from '../popular-window';
import { PublicListQuery } from './public-list.query';

export class ListPopularQuery extends PublicListQuery {
  @ApiPropertyOptional({ enum: POPULAR_WINDOWS, default: DEFAULT_POPULAR_WINDOW, description: 'views counted in this rolling window' })
  @IsOptional()
  @IsIn(POPULAR_WINDOWS)
  window?: PopularWindow;
}
