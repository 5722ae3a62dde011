import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { IsArticleVersion } from '@newsroom/http';
import { ArticleContentDto } from '../../article-access/article-content.dto';

/** A correction: the note readers see under the article, plus whichever content fields change. */
export class CorrectArticleDto extends ArticleContentDto {
  @ApiProperty({ example: 5, description: 'the current version; 409 if the article changed meanwhile' })
  @IsArticleVersion()
  version: number;

  @ApiProperty({ description: 'shown to readers under the article', example: 'Versi sebelumnya menyebut pakta berlaku Selasa; yang benar Rabu.' })
  @IsString()
  @Matches(/\S/, { message: 'note must not be blank' })
  @MaxLength(2000)
  note: string;
}
