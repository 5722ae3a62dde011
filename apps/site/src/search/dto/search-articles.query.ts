import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsIsoTimeInNewsroomYears } from '@newsroom/http';

export const SEARCH_DEFAULT_LIMIT = 10;
export const SEARCH_MAX_LIMIT = 50;

export class SearchArticlesQuery {
  @ApiProperty({
    description:
      'what to find, 1..200 characters: words (Indonesian word forms match each other: `pertahanan` finds `mempertahankan`), ' +
      '`"quoted phrases"`, `-word` to leave out; a word of five letters or more is forgiven one typo',
    example: 'pakta pertahanan',
  })
  @IsString()
  // the length rule itself (1..200, with its own message) is the search's; this bound only keeps huge values from being read at all
  @MaxLength(10_000)
  q: string;

  @ApiPropertyOptional({ description: 'only this rubric (its slug)', example: 'dunia' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  rubric?: string;

  @ApiPropertyOptional({ description: 'only articles with this tag (its slug, as in /tag/:slug)', example: 'korea-utara' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  tag?: string;

  @ApiPropertyOptional({ description: 'published at or after this time (ISO-8601 with an offset)' })
  @IsOptional()
  @IsIsoTimeInNewsroomYears()
  from?: string;

  @ApiPropertyOptional({ description: 'published before this time (ISO-8601 with an offset)' })
  @IsOptional()
  @IsIsoTimeInNewsroomYears()
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: SEARCH_MAX_LIMIT, default: SEARCH_DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(SEARCH_MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'the next page: `nextCursor` of the previous page of the same search' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  cursor?: string;
}
