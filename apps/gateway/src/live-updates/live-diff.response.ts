import { ApiProperty } from '@nestjs/swagger';
import { FieldChangeResponse } from '../drafts/revision-diff.response';

/** What a revision would change on the live page if it went live now (GET /articles/:id/revisions/:revisionId/diff). */
export class LiveDiffResponse {
  @ApiProperty() revisionId: string;
  @ApiProperty({ example: 4, description: "the revision's version whose content is compared" }) version: number;
  @ApiProperty({ example: 3, description: "the live article's version: the content readers see now" }) liveVersion: number;
  @ApiProperty({
    type: [FieldChangeResponse],
    description:
      "`from` is the live value, `to` the revision's, in the fields the revision changed against the live content it started from (only those go live: a correction made meanwhile to another field stays); empty when going live would change nothing",
  })
  changes: FieldChangeResponse[];
}
