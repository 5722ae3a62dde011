import { ApiProperty } from '@nestjs/swagger';
import { CorrectionNote, ImageDto } from '@newsroom/http';

class PublicRubric {
  @ApiProperty({ example: 'dunia' }) slug: string;
  @ApiProperty({ example: 'Dunia' }) name: string;
}
class PublicAuthor {
  @ApiProperty({ example: 'Hani Fatunnisa' }) name: string;
}

/** What readers see of an article in the UPDATE and Populer lists. */
export class PublicArticleItem {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'pakta-pertahanan-korut-rusia-mulai-berlaku' }) slug: string;
  @ApiProperty() headline: string;
  @ApiProperty({ nullable: true, type: String }) lead: string | null;
  @ApiProperty({ type: PublicRubric }) rubric: PublicRubric;
  @ApiProperty({ type: PublicAuthor, description: 'the first of `authors`' }) author: PublicAuthor;
  @ApiProperty({ type: [PublicAuthor], description: 'the byline: staff authors, then guest bylines, in order' }) authors: PublicAuthor[];
  @ApiProperty({ type: ImageDto, nullable: true }) image: ImageDto | null;
  @ApiProperty({ example: '2024-12-05T09:38:00.000Z' }) publishedAt: string;
  @ApiProperty({ example: 'Kamis, 05 Desember 2024 | 16:38 WIB', description: 'newsroom local time with its zone, as on the article page' })
  publishedAtDisplay: string;
  @ApiProperty({ example: 'Kamis, 05 Desember 2024 | 16:38', description: 'the same without the zone label, as the side lists show it' })
  publishedAtShort: string;
  @ApiProperty({ description: 'all-time views' }) views: number;
  @ApiProperty({ description: 'opaque; pass as `before` to list what comes after this item in the UPDATE list' }) cursor: string;
}

export class PopularArticleItem extends PublicArticleItem {
  @ApiProperty({ description: 'views counted inside the requested window (0 for the recent articles that fill up the list)' })
  windowViews: number;
}

/** One article of "Naik Daun": read faster in the last 15 minutes than in its own previous hour. */
export class TrendingArticleItem {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'pakta-pertahanan-korut-rusia-mulai-berlaku' }) slug: string;
  @ApiProperty() headline: string;
  @ApiProperty({ description: 'views counted in the last 15 minutes (the current minute included)' }) viewsLast15m: number;
  @ApiProperty({ example: 12.5, description: 'views per minute in the last 15 minutes over (views + 1) per minute in the hour before them' }) velocity: number;
}

/** A published article as its page shows it. */
export class PublicArticle {
  @ApiProperty({ example: 'pakta-pertahanan-korut-rusia-mulai-berlaku' }) slug: string;
  @ApiProperty() headline: string;
  @ApiProperty({ nullable: true, type: String }) lead: string | null;
  @ApiProperty({ description: 'sanitized HTML' }) body: string;
  @ApiProperty({ type: PublicRubric }) rubric: PublicRubric;
  @ApiProperty({ type: PublicAuthor, description: 'the first of `authors`' }) author: PublicAuthor;
  @ApiProperty({ type: [PublicAuthor], description: 'the byline: staff authors, then guest bylines, in order' }) authors: PublicAuthor[];
  @ApiProperty({ type: ImageDto, nullable: true }) image: ImageDto | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ example: '2024-12-05T09:38:00.000Z' }) publishedAt: string;
  @ApiProperty({ example: 'Kamis, 05 Desember 2024 | 16:38 WIB', description: 'the dateline: newsroom local time with its zone' })
  publishedAtDisplay: string;
  @ApiProperty({ description: 'the last change of what readers see (publication, scheduled update or correction)' }) updatedAt: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'Diperbarui: Kamis, 05 Desember 2024 | 18:02 WIB',
    description: 'set once the live content changed after publication (a scheduled update or a correction): updatedAt in the newsroom zone',
  })
  updatedAtDisplay: string | null;
  @ApiProperty({ type: [CorrectionNote], description: 'newest last' }) corrections: CorrectionNote[];
  @ApiProperty({ description: 'all-time views' }) views: number;
}
