import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';
import { ArticleStatus } from '@newsroom/domain';

export class ListDraftsQuery {
  @ApiPropertyOptional({ enum: ArticleStatus })
  @IsOptional()
  @IsEnum(ArticleStatus)
  status?: ArticleStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({ description: 'cursor: only articles updated before this time (the last item\'s `updatedAt`)', example: '2024-12-05T09:38:00.000Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  before?: string;
}
