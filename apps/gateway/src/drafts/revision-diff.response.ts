import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class WordChangeResponse {
  @ApiProperty({ example: 'Rabu' }) value: string;
  @ApiPropertyOptional({ example: true, description: 'only in the later text (`:version`)' }) added?: boolean;
  @ApiPropertyOptional({ example: true, description: 'only in the earlier text (`against`)' }) removed?: boolean;
}

export class FieldChangeResponse {
  @ApiProperty({ enum: ['headline', 'lead', 'body', 'rubric', 'image', 'tags', 'priority', 'embargoUntil'] }) field: string;
  @ApiProperty({ nullable: true, description: 'the value at `against` (a string, the image object, the tag list or null)' }) from: unknown;
  @ApiProperty({ nullable: true, description: 'the value at `:version`' }) to: unknown;
  @ApiPropertyOptional({
    type: [WordChangeResponse],
    description: 'body only: a word-level diff of the body\'s text (its HTML with the tags stripped)',
  })
  words?: WordChangeResponse[];
}

export class RevisionDiffResponse {
  @ApiProperty({ example: 3 }) version: number;
  @ApiProperty({ example: 1 }) against: number;
  @ApiProperty({ type: [FieldChangeResponse], description: 'only the fields that differ, in a fixed order; empty when the content is the same' })
  changes: FieldChangeResponse[];
}
