import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsArticleVersion } from '@newsroom/http';

/**
 * The version the caller last saw. Optional for the publishing actions (the
 * contract does not require it); when given, a stale one is a 409 and nothing changes.
 */
export class ExpectedVersionDto {
  @ApiPropertyOptional({ example: 4, description: 'the article version the caller last saw; 409 if it is no longer current' })
  @IsOptional()
  @IsArticleVersion()
  version?: number;
}
