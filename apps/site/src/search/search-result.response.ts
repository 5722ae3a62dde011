import { ApiProperty } from '@nestjs/swagger';

class SearchRubric {
  @ApiProperty({ example: 'dunia' }) slug: string;
  @ApiProperty({ example: 'Dunia' }) name: string;
}
class SearchAuthor {
  @ApiProperty({ example: 'Hani Fatunnisa' }) name: string;
}

/** A published article as a search result. */
export class SearchResultItem {
  @ApiProperty({ example: 'pakta-pertahanan-korut-rusia-mulai-berlaku' }) slug: string;
  @ApiProperty() headline: string;
  @ApiProperty({ nullable: true, type: String }) lead: string | null;
  @ApiProperty({ type: SearchRubric }) rubric: SearchRubric;
  @ApiProperty({ type: [SearchAuthor] }) authors: SearchAuthor[];
  @ApiProperty({ example: '2024-12-05T09:38:00.000Z' }) publishedAt: string;
  @ApiProperty({ example: 'Kamis, 05 Desember 2024 | 16:38 WIB' }) publishedAtDisplay: string;
  @ApiProperty({ description: 'the matching passage as escaped HTML text, the matches in <mark>...</mark>', example: 'Korea Utara akan <mark>mempertahankan</mark> ...' })
  snippet: string;
}

export class SearchResults {
  @ApiProperty({ type: [SearchResultItem], description: 'best match first (among the newest NEWSROOM_SEARCH_RANK_WINDOW matches), newer first among equal matches' })
  items: SearchResultItem[];
  @ApiProperty({ nullable: true, type: String, description: 'pass as `cursor` for the next page; null on the last' })
  nextCursor: string | null;
}
