import { ApiProperty } from '@nestjs/swagger';

/**
 * Response shapes that both the staff API (gateway) and the readers' API
 * (site) present, so /docs names one schema for each whichever app wrote it.
 */
export class RubricResponse {
  @ApiProperty({ example: 'dunia' }) slug: string;
  @ApiProperty({ example: 'Dunia' }) name: string;
}

export class ImageDto {
  @ApiProperty({ example: 'https://img.example/kim-putin.jpg' }) url: string;
  @ApiProperty({ example: 'Pemimpin Korea Utara Kim Jong Un dan Presiden Rusia Vladimir Putin' }) caption: string;
  @ApiProperty({ example: 'Net' }) credit: string;
}

export class CorrectionNote {
  @ApiProperty() at: string;
  @ApiProperty() note: string;
}
