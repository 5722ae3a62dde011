import { ApiProperty, OmitType } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ArticleContentDto } from '../../article-access/article-content.dto';

/**
 * A new draft: the shared content fields, with headline, body and rubric
 * required. They are declared again rather than inherited because an inherited
 * @IsOptional() would still let them be left out.
 */
export class CreateDraftDto extends OmitType(ArticleContentDto, ['headline', 'body', 'rubric'] as const) {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Pakta Pertahanan Korut-Rusia Mulai Berlaku, Blok Barat Waspada' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(/\S/, { message: 'headline must not be blank' })
  headline: string;

  @ApiProperty({ description: 'HTML; sanitized before it is stored (no scripts, event handlers or javascript: links)' })
  @IsString()
  @IsNotEmpty()
  body: string;

  @ApiProperty({ description: 'slug of an existing rubric', example: 'dunia' })
  @IsString()
  @MaxLength(80)
  rubric: string;
}
