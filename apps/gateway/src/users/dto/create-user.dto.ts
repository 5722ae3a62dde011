import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMinSize, ArrayUnique, IsArray, IsEmail, IsEnum, IsString, MaxLength, MinLength } from 'class-validator';
import { Role } from '@newsroom/domain';
import { IsStaffPassword, PASSWORD_RULE } from '../password-rule';

export class CreateUserDto {
  @ApiProperty({ example: 'hani@newsroom.local' })
  @IsEmail({ require_tld: false })
  @MaxLength(320)
  email: string;

  /** trimmed before it is checked, so a name of spaces only is refused, not stored empty */
  @ApiProperty({ example: 'Hani Fatunnisa', minLength: 1, maxLength: 200, description: 'leading and trailing spaces are removed; what remains must not be empty' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1, { message: 'name must not be blank' })
  @MaxLength(200)
  name: string;

  @ApiProperty({ minLength: PASSWORD_RULE.minLength, maxLength: PASSWORD_RULE.maxLength })
  @IsStaffPassword()
  password: string;

  @ApiProperty({ enum: Role, isArray: true, example: ['reporter'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(Role, { each: true })
  roles: Role[];
}
