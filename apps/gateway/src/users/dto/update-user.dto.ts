import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMinSize, ArrayUnique, IsArray, IsEnum, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Role } from '@newsroom/domain';

/** `PATCH /users/:id`: what an admin may change about an account (each field optional; any other field is a 400). */
export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'Hani Fatunnisa', minLength: 1, maxLength: 200, description: 'leading and trailing spaces are removed; what remains must not be empty' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1, { message: 'name must not be blank' })
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({
    enum: Role,
    isArray: true,
    example: ['reporter', 'editor'],
    description:
      'the whole new set of roles (at least one). Any change of roles ends every session the user holds, on every gateway replica within a second (401; open streams close): they sign in again and their new token carries the new roles. Taking `admin` from the last active admin -> 409',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(Role, { each: true })
  roles?: Role[];
}
