import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { GUEST_BYLINE_MAX_LENGTH, MAX_ARTICLE_AUTHORS, MAX_GUEST_BYLINES, Priority } from '@newsroom/domain';

export class ArticleImageDto {
  @ApiProperty({ example: 'https://img.newsroom.test/2024/12/kim-putin.jpg' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  url: string;

  @ApiProperty({ example: 'Pemimpin Korea Utara Kim Jong Un dan Presiden Rusia Vladimir Putin' })
  @IsString()
  @MaxLength(500)
  caption: string;

  @ApiProperty({ example: 'Net' })
  @IsString()
  @MaxLength(200)
  credit: string;
}

/**
 * The content fields of an article, all optional: the base of the create,
 * edit and correction bodies. Create makes some of them required.
 */
export class ArticleContentDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200, example: 'Pakta Pertahanan Korut-Rusia Mulai Berlaku, Blok Barat Waspada' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(/\S/, { message: 'headline must not be blank' })
  headline?: string;

  @ApiPropertyOptional({ nullable: true, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  lead?: string | null;

  @ApiPropertyOptional({ description: 'HTML; sanitized before it is stored (no scripts, event handlers or javascript: links)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  body?: string;

  @ApiPropertyOptional({ description: 'slug of an existing rubric', example: 'dunia' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  rubric?: string;

  @ApiPropertyOptional({ type: ArticleImageDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ArticleImageDto)
  image?: ArticleImageDto | null;

  @ApiPropertyOptional({ type: [String], maxItems: 20, example: ['korea utara', 'rusia'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(50, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ enum: Priority })
  @IsOptional()
  @IsEnum(Priority)
  priority?: Priority;

  @ApiPropertyOptional({
    nullable: true,
    description: 'ISO-8601 with an offset, or local "YYYY-MM-DD HH:mm" in the newsroom zone; null lifts the embargo',
    example: '2024-12-05 16:00',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  embargoUntil?: string | null;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: MAX_ARTICLE_AUTHORS,
    description:
      'the staff authors in byline order, ids of active users with the reporter role; the first becomes `author`. Each of them may edit and submit the article, and none of them may review it. On a new draft the creator is first unless the list names them elsewhere',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ARTICLE_AUTHORS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  authors?: string[];

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_GUEST_BYLINES,
    example: ['Tim Liputan Khusus'],
    description: `names from outside the staff, after the staff authors in the byline; free text of 1..${GUEST_BYLINE_MAX_LENGTH} characters (whitespace runs become one space), stored as typed and shown escaped`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_GUEST_BYLINES)
  @IsString({ each: true })
  @MaxLength(GUEST_BYLINE_MAX_LENGTH, { each: true })
  guestBylines?: string[];
}
