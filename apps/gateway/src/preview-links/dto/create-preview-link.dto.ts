import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const PREVIEW_DEFAULT_HOURS = 24;
export const PREVIEW_MAX_HOURS = 168;

export class CreatePreviewLinkDto {
  @ApiPropertyOptional({ minimum: 1, maximum: PREVIEW_MAX_HOURS, default: PREVIEW_DEFAULT_HOURS, description: 'how long the link works, in whole hours' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(PREVIEW_MAX_HOURS)
  expiresInHours?: number;
}
