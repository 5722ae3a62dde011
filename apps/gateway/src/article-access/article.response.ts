import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Priority, STAFF_STATUSES } from '@newsroom/domain';
import { CorrectionNote, ImageDto } from '@newsroom/http';

class RubricRef {
  @ApiProperty({ example: 'dunia' }) slug: string;
  @ApiProperty({ example: 'Dunia' }) name: string;
}
class AuthorRef {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'Hani Fatunnisa' }) name: string;
}

/** A live article's revision on its way (API v1.1, scheduled updates). */
class PendingRevisionRef {
  @ApiProperty() id: string;
  @ApiProperty({ example: 2 }) version: number;
  @ApiProperty({ enum: ['draft', 'submitted', 'in_review', 'changes_requested', 'approved', 'scheduled'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) scheduledFor: string | null;
  @ApiProperty({ type: [AuthorRef], description: "the revision's staff authors: the live article's, and whoever started it" }) authors: AuthorRef[];
}

/** The staff view of an article (the contract's `article`). */
export class ArticleResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'pakta-pertahanan-korut-rusia-mulai-berlaku' }) slug: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ enum: [...STAFF_STATUSES] }) status: string;
  @ApiProperty() headline: string;
  @ApiProperty({ nullable: true, type: String }) lead: string | null;
  @ApiProperty({ description: 'sanitized HTML' }) body: string;
  @ApiProperty({ type: RubricRef }) rubric: RubricRef;
  @ApiProperty({ type: AuthorRef, description: 'the first of `authors`' }) author: AuthorRef;
  @ApiProperty({ type: [AuthorRef], description: 'the staff authors in byline order: each may edit and submit the article, none may review it' }) authors: AuthorRef[];
  @ApiProperty({ type: [String], description: 'names from outside the staff, after the staff in the byline (free text)', example: ['Tim Liputan Khusus'] }) guestBylines: string[];
  @ApiProperty({ type: ImageDto, nullable: true }) image: ImageDto | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ enum: Priority }) priority: 'normal' | 'breaking';
  @ApiProperty({ nullable: true, type: String }) embargoUntil: string | null;
  @ApiProperty({ nullable: true, type: String }) scheduledFor: string | null;
  @ApiProperty({ nullable: true, type: String }) publishedAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty() views: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) wordCount: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) readingMinutes: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'the content version an editor approved' }) approvedVersion: number | null;
  @ApiProperty({ type: [CorrectionNote] }) corrections: CorrectionNote[];
  @ApiProperty({ nullable: true, type: String, description: "a pending revision of a live article: that article's id; null on every article itself" }) revisionOf: string | null;
  @ApiPropertyOptional({
    type: PendingRevisionRef,
    nullable: true,
    description:
      'published articles only: the revision on its way to the live page (at most one; POST /articles/{id}/revisions is 409 REVISION.PENDING_EXISTS meanwhile), or null. Not in webhook payloads',
  })
  pendingRevision?: PendingRevisionRef | null;
}
