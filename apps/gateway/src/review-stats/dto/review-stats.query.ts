import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { REVIEW_STATS_WINDOWS, ReviewStatsWindow } from '../review-stats-window';

const emptyAsAbsent = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

export class ReviewStatsQueryDto {
  @ApiPropertyOptional({ enum: Object.keys(REVIEW_STATS_WINDOWS), default: '24h', description: 'how far back the figures reach' })
  @Transform(emptyAsAbsent)
  @IsOptional()
  @IsIn(Object.keys(REVIEW_STATS_WINDOWS))
  window?: ReviewStatsWindow;

  @ApiPropertyOptional({ description: 'only this rubric (its slug); 404 for an unknown one', example: 'dunia' })
  @Transform(emptyAsAbsent)
  @IsOptional()
  @IsString()
  @MaxLength(80)
  rubric?: string;
}
