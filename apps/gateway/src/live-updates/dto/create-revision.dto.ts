import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsArticleVersion } from '@newsroom/http';
import { ArticleContentDto } from '../../article-access/article-content.dto';

/**
 * A revision of a live article: starts as a copy of the live content with
 * these fields changed (none: an exact copy to edit as a draft). No embargo:
 * the article is already out.
 */
export class CreateRevisionDto extends OmitType(ArticleContentDto, ['embargoUntil'] as const) {
  @ApiPropertyOptional({ example: 4, description: "the live article's version the caller last saw; 409 if it changed meanwhile" })
  @IsOptional()
  @IsArticleVersion()
  version?: number;
}
