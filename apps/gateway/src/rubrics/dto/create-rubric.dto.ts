import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class CreateRubricDto {
  @ApiProperty({ example: 'dunia', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' })
  @IsString()
  @MaxLength(80)
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'slug must be lower-case words joined by hyphens' })
  slug: string;

  @ApiProperty({ example: 'Dunia' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name: string;
}
