import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { ExpectedVersionDto } from './expected-version.dto';

export class UnpublishArticleDto extends ExpectedVersionDto {
  @ApiProperty({ description: 'why it is taken down; kept in the history', example: 'Sumber meminta pencabutan karena data keliru' })
  @IsString()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(2000)
  reason: string;
}
