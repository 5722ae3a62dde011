import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const REVIEW_QUEUE_DEFAULT_LIMIT = 50;
export const REVIEW_QUEUE_MAX_LIMIT = 200;

// A parameter left empty (`?rubric=&limit=`, as a form's blank filter sends it) means "not given".
const emptyAsAbsent = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

export class ListReviewQueueQuery {
  @ApiPropertyOptional({ description: 'only this rubric (its slug)', example: 'dunia' })
  @Transform(emptyAsAbsent)
  @IsOptional()
  @IsString()
  @MaxLength(80)
  rubric?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: REVIEW_QUEUE_MAX_LIMIT, default: REVIEW_QUEUE_DEFAULT_LIMIT })
  @Transform(({ value }) => (value === '' || value === undefined ? undefined : Number(value)))
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(REVIEW_QUEUE_MAX_LIMIT)
  limit?: number;
}
