import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsArticleVersion } from '@newsroom/http';

/**
 * Submit and withdraw need no body. A client that sends the version it saw
 * gets a 409 instead of acting on an article that changed under it.
 */
export class DraftActionDto {
  @ApiPropertyOptional({ minimum: 1, example: 3 })
  @IsOptional()
  @IsArticleVersion()
  version?: number;
}
