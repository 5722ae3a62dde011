import { IsInt, Max, Min } from 'class-validator';
import { BaseConfig } from '@newsroom/config';

export class DraftsConfig extends BaseConfig {
  /** submission checks run at once per process; each holds a database connection while it runs */
  @IsInt()
  @Min(1)
  @Max(50)
  NEWSROOM_DRAFTS_CONCURRENCY: number = 4;
}
