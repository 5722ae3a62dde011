import { ApiProperty } from '@nestjs/swagger';
import { STAFF_STATUSES } from '@newsroom/domain';

class StaffSearchRubric {
  @ApiProperty({ example: 'dunia' }) slug: string;
  @ApiProperty({ example: 'Dunia' }) name: string;
}
class StaffSearchAuthor {
  @ApiProperty({ example: 'Hani Fatunnisa' }) name: string;
}

/** An article as the desk's search finds it, in any status. */
export class StaffSearchItem {
  @ApiProperty() id: string;
  @ApiProperty({ enum: [...STAFF_STATUSES] }) status: string;
  @ApiProperty() slug: string;
  @ApiProperty() headline: string;
  @ApiProperty({ nullable: true, type: String }) lead: string | null;
  @ApiProperty({ type: StaffSearchRubric }) rubric: StaffSearchRubric;
  @ApiProperty({ type: [StaffSearchAuthor] }) authors: StaffSearchAuthor[];
  @ApiProperty({ nullable: true, type: String }) publishedAt: string | null;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ description: 'the matching passage as escaped HTML text, the matches in <mark>...</mark>' }) snippet: string;
}

export class StaffSearchResults {
  @ApiProperty({ type: [StaffSearchItem], description: 'best match first (among the newest NEWSROOM_SEARCH_RANK_WINDOW matches), most recently updated first among equals' })
  items: StaffSearchItem[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
