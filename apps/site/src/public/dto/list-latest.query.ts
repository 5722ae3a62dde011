import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PublicListQuery } from './public-list.query';

export class ListLatestQuery extends PublicListQuery {
  @ApiPropertyOptional({ description: 'only articles with this tag (its slug, as in /tag/:slug; an unknown tag lists nothing)', example: 'korea-utara' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  tag?: string;

  @ApiPropertyOptional({
    description:
      'the next page: the `cursor` of the last item of the previous page (stable when several articles share a publishing time), ' +
      'or a time (ISO-8601 with an offset, or local "YYYY-MM-DD HH:mm") to list articles published strictly before it',
    example: '2024-12-05T16:38:00+07:00',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  before?: string;
}
