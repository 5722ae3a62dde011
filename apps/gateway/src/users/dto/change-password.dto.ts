import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsStaffPassword, PASSWORD_RULE } from '../password-rule';

/** `POST /users/me/password`. */
export class ChangePasswordDto {
  @ApiProperty({ maxLength: PASSWORD_RULE.maxLength })
  @IsString()
  @MaxLength(PASSWORD_RULE.maxLength)
  currentPassword: string;

  @ApiProperty({ minLength: PASSWORD_RULE.minLength, maxLength: PASSWORD_RULE.maxLength })
  @IsStaffPassword()
  newPassword: string;
}
