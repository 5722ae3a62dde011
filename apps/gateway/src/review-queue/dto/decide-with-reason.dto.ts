import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { IsArticleVersion } from '@newsroom/http';

/** Request changes or reject: the reporter must learn why, so the comment is required. */
export class DecideWithReasonDto {
  @ApiProperty({ description: 'the version the editor reviewed', example: 3 })
  @IsArticleVersion()
  version: number;

  @ApiProperty({ maxLength: 2000, example: 'Sumber kedua belum dikonfirmasi; mohon lengkapi.' })
  @IsString()
  @MaxLength(2000)
  @Matches(/\S/, { message: 'comment must not be blank' })
  comment: string;
}
