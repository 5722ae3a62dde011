import { ApiProperty } from '@nestjs/swagger';
import { Priority } from '@newsroom/domain';

class QueueRubric {
  @ApiProperty({ example: 'dunia' }) slug: string;
  @ApiProperty({ example: 'Dunia' }) name: string;
}
class QueuePerson {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'Hani Fatunnisa' }) name: string;
}
class QueueArticle {
  @ApiProperty() id: string;
  @ApiProperty() headline: string;
  @ApiProperty({ type: QueueRubric }) rubric: QueueRubric;
  @ApiProperty({ type: QueuePerson }) author: QueuePerson;
  @ApiProperty({ type: [QueuePerson], description: 'every staff author in byline order (the first is `author`)' }) authors: QueuePerson[];
  @ApiProperty({ enum: Priority }) priority: 'normal' | 'breaking';
  @ApiProperty({ example: 2 }) version: number;
}

/** One article waiting for an editor (ReviewQueueItem in libs/database, documented for /docs). */
export class ReviewQueueItemResponse {
  @ApiProperty({ type: QueueArticle }) article: QueueArticle;
  @ApiProperty({ nullable: true, type: String, description: 'when it entered the queue' }) submittedAt: string | null;
  @ApiProperty({ nullable: true, type: QueuePerson, description: 'the editor holding a live claim' }) claimedBy: QueuePerson | null;
  @ApiProperty({ nullable: true, type: String }) claimExpiresAt: string | null;
  @ApiProperty({ description: 'whether the caller may claim and decide it: false on an article they wrote or co-wrote (four-eyes)' }) actionable: boolean;
}
