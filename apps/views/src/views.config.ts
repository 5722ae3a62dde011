import { IsInt, Max, Min } from 'class-validator';
import { BaseConfig } from '@newsroom/config';

export class ViewsConfig extends BaseConfig {
  /** how often pending counters go to Postgres; the contract wants counts visible within 2 s */
  @IsInt()
  @Min(100)
  @Max(60_000)
  NEWSROOM_VIEW_FLUSH_MS: number = 1000;

  /** how often the "Naik Daun" ranking is worked out from the minute buckets; the contract wants it within 10 s of the views */
  @IsInt()
  @Min(500)
  @Max(8000)
  NEWSROOM_TRENDING_REFRESH_MS: number = 5000;
}
