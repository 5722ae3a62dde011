import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class CreateRubricDto {
  @ApiProperty({ example: 'dunia', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' })
  @IsString()
  @MaxLength(80)
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'slug must be lower-case words joined by hyphens' })
  slug: string;

  /** trimmed before it is checked, so a name of spaces only is refused, not stored blank */
  @ApiProperty({ example: 'Dunia', minLength: 1, maxLength: 120, description: 'leading and trailing spaces are removed; what remains must not be empty' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1, { message: 'name must not be blank' })
  @MaxLength(120)
  name: string;
}
