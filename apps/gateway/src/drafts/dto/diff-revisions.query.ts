import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArticleVersion } from '@newsroom/http';

export class DiffRevisionsQuery {
  @ApiProperty({ minimum: 1, example: 1, description: 'the version to compare with: `from` values are its content, `to` values the content at `:version`' })
  @Type(() => Number)
  @IsArticleVersion()
  against: number;
}
