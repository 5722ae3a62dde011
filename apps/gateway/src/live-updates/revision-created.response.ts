import { ApiProperty } from '@nestjs/swagger';

/** A new pending revision: edit it with PATCH /drafts/:revisionId, hand it in with POST /drafts/:revisionId/submit. */
export class RevisionCreatedResponse {
  @ApiProperty({ description: 'the revision\'s id: it is a draft of its own in /drafts and the review queue' }) revisionId: string;
  @ApiProperty({ description: 'the live article it will update' }) articleId: string;
  @ApiProperty({ example: 1, description: 'the revision\'s version' }) version: number;
  @ApiProperty({ example: 'draft' }) status: string;
}
