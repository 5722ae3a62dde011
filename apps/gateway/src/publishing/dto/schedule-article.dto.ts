import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ExpectedVersionDto } from './expected-version.dto';

export class ScheduleArticleDto extends ExpectedVersionDto {
  @ApiProperty({
    description: 'ISO-8601 with an offset, or local "YYYY-MM-DD HH:mm" in the newsroom zone (NEWSROOM_TZ, WIB by default)',
    example: '2024-12-05 16:00',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  publishAt: string;
}
