import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const DELIVERIES_DEFAULT_LIMIT = 50;

export class ListDeliveriesQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: DELIVERIES_DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
