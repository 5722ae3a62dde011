import { ApiProperty } from '@nestjs/swagger';

export class RubricResponse {
  @ApiProperty({ example: 'dunia' }) slug: string;
  @ApiProperty({ example: 'Dunia' }) name: string;
}
