import { IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { HTTP_URL, weakSecretProblem } from '@newsroom/config';
import { HttpServerConfig } from '@newsroom/http';

export const DEV_VIEW_SALT = 'dev-only-view-salt';
/** Production's floor for the visitor hash salt. */
const VIEW_SALT_MIN_LENGTH = 16;

/** The readers' side: pages, public JSON, the view beacon, their caches and the edge. */
export class SiteConfig extends HttpServerConfig {
  /**
   * Where requests that are not the readers' (the staff API, the desk, its
   * login) go when this app is the one origin in front (`npm start`): the
   * gateway's own address, e.g. http://127.0.0.1:3001. Unset (production,
   * where the load balancer or Varnish routes by path), they are 404 here.
   */
  @IsOptional()
  @Matches(HTTP_URL, { message: 'NEWSROOM_STAFF_UPSTREAM must be an http(s) URL, e.g. http://127.0.0.1:3001' })
  NEWSROOM_STAFF_UPSTREAM?: string;

  /** salts the hash of IP and User-Agent that stands in for an anonymous visitor */
  @IsString()
  @MinLength(8)
  NEWSROOM_VIEW_SALT: string = DEV_VIEW_SALT;

  /**
   * POST /views/batch requests of the bulk lane (more than a page's few views)
   * are refused with 503 and Retry-After while its oldest batch has waited
   * longer than this to be counted: a collector backs off instead of filling
   * Redis. Readers' beacons are never refused for it.
   */
  @IsInt()
  @Min(1)
  NEWSROOM_VIEW_BULK_BACKLOG_MAX_SECONDS: number = 60;

  /**
   * The view beacon's group commit. 0 (the default): a batch leaves at the
   * end of the event loop's turn, up to four on their way to Redis at once
   * (while four are, the next collects whatever arrives meanwhile), so
   * batches grow with load and an idle beacon adds no wait. Above 0: each batch also waits this many
   * milliseconds after its first view (a full batch, 200 views, leaves at
   * once), fewer and larger jobs for the views service, but every 202 waits
   * that much longer, which caps a client that waits for each answer
   * (bench:views, 50 connections: 10 ms held POST /views to 2,790 req/s
   * against 30,000 for a bare server).
   */
  @IsInt()
  @Min(0)
  @Max(100)
  NEWSROOM_VIEW_GROUP_COMMIT_MS: number = 0;

  /** public reads (lists, article pages) per client IP per minute */
  @IsInt()
  @Min(1)
  NEWSROOM_RATE_LIMIT_READS_PER_MINUTE: number = 600;

  /** view beacon requests (single or batch) per client IP per minute */
  @IsInt()
  @Min(1)
  NEWSROOM_RATE_LIMIT_VIEWS_PER_MINUTE: number = 300;

  /**
   * Bytes of rendered pages and public JSON each replica keeps (least
   * recently used out first); 0 keeps nothing (every request renders, one
   * render per page at a time still).
   */
  @IsInt()
  @Min(0)
  NEWSROOM_SITE_CACHE_MAX_BYTES: number = 64 * 1024 * 1024;

  /** The longest a replica keeps a page: the bound on staleness should a change announcement be lost outright. */
  @IsInt()
  @Min(1)
  NEWSROOM_SITE_CACHE_TTL_SECONDS: number = 60;

  /**
   * After an article changes (not when it is taken down), how long a replica
   * may still answer with the page from before while it renders the new one
   * (once): readers of a breaking story never queue behind its re-render.
   * 0: a change drops the page at once and readers wait for the render.
   */
  @IsInt()
  @Min(0)
  @Max(1000)
  NEWSROOM_SITE_CHANGE_GRACE_MS: number = 1000;

  /** How often the Populer and UPDATE blocks beside every page are read again (not per request, not per article change). */
  @IsInt()
  @Min(1)
  @Max(300)
  NEWSROOM_SITE_SIDE_LISTS_SECONDS: number = 5;

  /** How long the 404 page of an unknown address is kept (publication under that slug drops it at once). */
  @IsInt()
  @Min(0)
  @Max(300)
  NEWSROOM_SITE_NOT_FOUND_TTL_SECONDS: number = 5;

  /**
   * How long public JSON that shows view counts (/articles/...) is kept: at
   * most a second, since counts reach readers within 2 s of a view (the
   * views service flushes every second).
   */
  @IsInt()
  @Min(0)
  @Max(1000)
  NEWSROOM_SITE_COUNTS_TTL_MS: number = 500;

  /** Cache-Control max-age of readers' pages: how long a browser keeps one without asking. */
  @IsInt()
  @Min(0)
  NEWSROOM_PAGE_MAX_AGE_SECONDS: number = 5;

  /** Cache-Control s-maxage of readers' pages: how long an edge cache keeps one (it is purged on change). */
  @IsInt()
  @Min(0)
  NEWSROOM_EDGE_MAX_AGE_SECONDS: number = 60;

  /** Cache-Control stale-while-revalidate of readers' responses. */
  @IsInt()
  @Min(0)
  NEWSROOM_STALE_WHILE_REVALIDATE_SECONDS: number = 30;

  /** Cache-Control stale-if-error of readers' responses: how long an edge may show a page while the origin fails. */
  @IsInt()
  @Min(0)
  NEWSROOM_STALE_IF_ERROR_SECONDS: number = 86_400;

  problems(): string[] {
    const problems = super.problems();
    if (!this.isProduction) return problems;
    if (this.NEWSROOM_VIEW_SALT === DEV_VIEW_SALT) problems.push('NEWSROOM_VIEW_SALT: production refuses the development default');
    else problems.push(weakSecretProblem('NEWSROOM_VIEW_SALT', this.NEWSROOM_VIEW_SALT, VIEW_SALT_MIN_LENGTH) ?? '');
    return problems.filter(Boolean);
  }
}
