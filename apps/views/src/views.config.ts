import { IsInt, Max, Min } from 'class-validator';
import { BaseConfig } from '@newsroom/config';

export class ViewsConfig extends BaseConfig {
  /** how often pending counters go to Postgres; the contract wants counts visible within 2 s */
  @IsInt()
  @Min(100)
  @Max(60_000)
  NEWSROOM_VIEW_FLUSH_MS: number = 1000;

  /** a visitor's repeat view of an article within this many seconds counts once */
  @IsInt()
  @Min(1)
  NEWSROOM_VIEW_DEDUP_SECONDS: number = 30 * 60;

  /**
   * one client address adds at most this many distinct visitors to one
   * article's count per dedup window, so a flood of made-up visitor ids from
   * one address cannot move the Populer ranking; generous, because a carrier's
   * NAT puts many real readers behind one address
   */
  @IsInt()
  @Min(1)
  NEWSROOM_VIEW_MAX_VISITORS_PER_CLIENT: number = 100;

  /** how often the "Naik Daun" ranking is worked out from the minute buckets; the contract wants it within 10 s of the views */
  @IsInt()
  @Min(500)
  @Max(8000)
  NEWSROOM_TRENDING_REFRESH_MS: number = 5000;
}
