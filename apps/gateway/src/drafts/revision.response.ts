import { ApiProperty } from '@nestjs/swagger';
import { ArticleRevision } from '@newsroom/database';
import { Priority } from '@newsroom/domain';
import { ImageDto } from '@newsroom/http';
import type { VersionContent } from './revision-diff';
import { StaffRef } from './staff-ref.response';

/** One stored version of an article's content. */
export class RevisionResponse {
  @ApiProperty({ example: 2 }) version: number;
  @ApiProperty() headline: string;
  @ApiProperty({ nullable: true, type: String }) lead: string | null;
  @ApiProperty({ description: 'sanitized HTML' }) body: string;
  @ApiProperty({ example: 'dunia', description: 'rubric slug' }) rubric: string;
  @ApiProperty({ type: ImageDto, nullable: true }) image: ImageDto | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ enum: Priority }) priority: string;
  @ApiProperty({ nullable: true, type: String }) embargoUntil: string | null;
  @ApiProperty({ type: [StaffRef], description: 'staff authors in byline order, named as they were then' }) authors: StaffRef[];
  @ApiProperty({ type: [String] }) guestBylines: string[];
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: StaffRef, nullable: true, description: 'null when the system wrote it (the submission check)' }) editedBy: StaffRef | null;

  static of(r: ArticleRevision): RevisionResponse {
    return { version: r.version, ...revisionContent(r), createdAt: r.createdAt.toISOString(), editedBy: StaffRef.of(r.editedBy) };
  }
}

/** The content fields of a revision, as the API names them. */
export function revisionContent(r: ArticleRevision): VersionContent {
  return {
    headline: r.headline,
    lead: r.lead,
    body: r.body,
    rubric: r.rubricSlug,
    image: r.imageUrl ? { url: r.imageUrl, caption: r.imageCaption ?? '', credit: r.imageCredit ?? '' } : null,
    tags: r.tags,
    priority: r.priority,
    embargoUntil: r.embargoUntil?.toISOString() ?? null,
    authors: r.authors,
    guestBylines: r.guestBylines,
  };
}
