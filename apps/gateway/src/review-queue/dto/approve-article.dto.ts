import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsArticleVersion } from '@newsroom/http';

export class ApproveArticleDto {
  @ApiProperty({ description: 'the version the editor reviewed; the approval binds to exactly this content', example: 3 })
  @IsArticleVersion()
  version: number;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}
