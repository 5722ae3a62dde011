import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export const USERS_DEFAULT_LIMIT = 100;
export const USERS_MAX_LIMIT = 500;

export class ListUsersQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: USERS_MAX_LIMIT, default: USERS_DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(USERS_MAX_LIMIT)
  limit: number = USERS_DEFAULT_LIMIT;

  @ApiPropertyOptional({ format: 'uuid', description: 'cursor: only users listed after this one (the last item\'s `id` of the previous page)' })
  @IsOptional()
  @IsUUID()
  after?: string;
}
