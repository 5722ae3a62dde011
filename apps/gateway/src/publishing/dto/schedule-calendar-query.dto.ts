import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class ScheduleCalendarQueryDto {
  @ApiPropertyOptional({ description: 'scheduled at or after this time (ISO-8601 with an offset, or local "YYYY-MM-DD HH:mm")', example: '2024-12-05 00:00' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  from?: string;

  @ApiPropertyOptional({ description: 'scheduled before this time (exclusive)', example: '2024-12-06 00:00' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
