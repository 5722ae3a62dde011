import { ApiProperty } from '@nestjs/swagger';
import { Priority } from '@newsroom/domain';

class Percentiles {
  @ApiProperty({ nullable: true, type: Number, description: 'seconds; null when nothing was measured in the window' }) p50: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'seconds' }) p90: number | null;
}
class Decisions {
  @ApiProperty() approved: number;
  @ApiProperty({ description: "editors' requests (the submission check's automatic bounces are not decisions)" }) changes_requested: number;
  @ApiProperty() rejected: number;
}
class OverSlaArticle {
  @ApiProperty() id: string;
  @ApiProperty() headline: string;
  @ApiProperty({ example: { slug: 'dunia', name: 'Dunia' } }) rubric: { slug: string; name: string };
  @ApiProperty({ enum: Priority }) priority: string;
}
class OverSlaItem {
  @ApiProperty({ type: OverSlaArticle }) article: OverSlaArticle;
  @ApiProperty({ description: 'since it entered the queue' }) waitingSeconds: number;
}

/** The desk's figures for a window (and rubric), from the stored article history. */
export class ReviewStatsResponse {
  @ApiProperty({ example: '24h' }) window: string;
  @ApiProperty({ nullable: true, type: String, example: 'dunia' }) rubric: string | null;
  @ApiProperty({ description: 'drafts handed in within the window' }) submitted: number;
  @ApiProperty({ type: Decisions }) decided: Decisions;
  @ApiProperty({ type: Percentiles, description: 'from entering the queue to the first claim, for claims within the window' }) timeToClaim: Percentiles;
  @ApiProperty({ type: Percentiles, description: 'from entering the queue to the decision, for decisions within the window' }) timeToDecision: Percentiles;
  @ApiProperty({ type: [OverSlaItem], description: 'in review now and waiting longer than the SLA (NEWSROOM_REVIEW_SLA_MINUTES; breaking: NEWSROOM_REVIEW_SLA_BREAKING_MINUTES), longest first' })
  overSla: OverSlaItem[];
}
