import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsString } from 'class-validator';
import { IsArticleVersion } from '@newsroom/http';

export class RevisionDiffParams {
  /** not checked as a uuid here: an id that is no article's is a 404, like any other unknown id */
  @ApiProperty({ description: 'article id' })
  @IsString()
  id: string;

  @ApiProperty({ minimum: 1, example: 3 })
  @Type(() => Number)
  @IsArticleVersion()
  version: number;
}
