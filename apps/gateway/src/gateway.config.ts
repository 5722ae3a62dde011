import { IsEmail, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { commaList, HTTP_URL } from '@newsroom/config';
import { WebhookTargetsConfig } from '@newsroom/egress';
import { invalidProxyEntries } from './http/client-address';
import { passwordRuleProblem } from './users/password-rule';

export const DEV_ADMIN_EMAIL = 'admin@newsroom.local';
export const DEV_ADMIN_PASSWORD = 'admin';
export const DEV_VIEW_SALT = 'dev-only-view-salt';
/** The signing secret earlier versions fell back to: published in this repository, so never accepted in production. */
const PUBLISHED_JWT_SECRET = 'dev-only-newsroom-secret-change-me';

/** Production's floor for secrets: long enough, and not one character repeated or a short pattern over and over. */
const PRODUCTION_SECRET = { jwtMinLength: 32, viewSaltMinLength: 16, minDistinctCharacters: 8 };

function weakSecretProblem(name: string, value: string, minLength: number): string | null {
  if (value.length < minLength) return `${name}: production needs at least ${minLength} characters`;
  if (new Set(value).size < PRODUCTION_SECRET.minDistinctCharacters) {
    return `${name}: too weak for production (fewer than ${PRODUCTION_SECRET.minDistinctCharacters} distinct characters); use a random value, e.g. \`openssl rand -base64 48\``;
  }
  return null;
}

export class GatewayConfig extends WebhookTargetsConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsString()
  HOST: string = '127.0.0.1';

  /**
   * Reverse proxies (addresses, CIDRs, or proxy-addr's `loopback`,
   * `linklocal`, `uniquelocal`), comma-separated, whose X-Forwarded-For,
   * -Proto and -Host are believed. From any other peer those headers are
   * ignored and the client is the socket's address (http/client-address.ts).
   */
  @IsString()
  NEWSROOM_TRUSTED_PROXIES: string = '';

  /**
   * The site's own origin for every absolute URL the gateway writes (canonical
   * links, OpenGraph, JSON-LD): never taken from a request's Host or
   * X-Forwarded-Host, which a client or a poisoned cache entry would choose.
   * Unset: http://127.0.0.1:<PORT>.
   */
  @IsOptional()
  @Matches(HTTP_URL, { message: 'NEWSROOM_PUBLIC_URL must be an http(s) URL without query or fragment, e.g. https://www.portal.example' })
  NEWSROOM_PUBLIC_URL?: string;

  /** In production /metrics answers only with `Authorization: Bearer <this>`; unset there, /metrics is 404. */
  @IsOptional()
  @IsString()
  @MinLength(16)
  NEWSROOM_METRICS_TOKEN?: string;

  @IsEmail({ require_tld: false })
  NEWSROOM_ADMIN_EMAIL: string = DEV_ADMIN_EMAIL;

  @IsString()
  @MinLength(1)
  NEWSROOM_ADMIN_PASSWORD: string = DEV_ADMIN_PASSWORD;

  /**
   * Signs access tokens (HS256); every gateway replica needs the same one.
   * Required in production. Unset elsewhere, each process makes a random one
   * at start-up (AuthModule): a published constant would let anyone sign
   * admin tokens for a development box that happens to be reachable.
   */
  @IsOptional()
  @IsString()
  @MinLength(16)
  NEWSROOM_JWT_SECRET?: string;

  /** how long an access token (and the desk's session) lives; a few seconds only make sense in tests */
  @IsInt()
  @Min(5)
  NEWSROOM_TOKEN_TTL_SECONDS: number = 12 * 3600;

  /** failed logins for one account (any address) within 15 minutes before its logins are refused until the window ends */
  @IsInt()
  @Min(1)
  NEWSROOM_LOGIN_FAILURES_PER_ACCOUNT: number = 10;

  @IsInt()
  @Min(5)
  NEWSROOM_CLAIM_TTL_SECONDS: number = 900;

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

  /** largest accepted request body; drafts need at least 1 MiB */
  @IsInt()
  @Min(1024 * 1024)
  NEWSROOM_BODY_LIMIT_BYTES: number = 2 * 1024 * 1024;

  /** public reads (lists, article pages) per client IP per minute */
  @IsInt()
  @Min(1)
  NEWSROOM_RATE_LIMIT_READS_PER_MINUTE: number = 600;

  /** view beacon requests (single or batch) per client IP per minute */
  @IsInt()
  @Min(1)
  NEWSROOM_RATE_LIMIT_VIEWS_PER_MINUTE: number = 300;

  /** login attempts per client IP per minute: slows down password guessing */
  @IsInt()
  @Min(1)
  NEWSROOM_RATE_LIMIT_LOGINS_PER_MINUTE: number = 20;

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

  get trustedProxies(): string[] {
    return commaList(this.NEWSROOM_TRUSTED_PROXIES);
  }

  /** The public origin (and path prefix, if any) without a trailing slash. */
  get publicUrl(): string {
    return (this.NEWSROOM_PUBLIC_URL ?? `http://127.0.0.1:${this.PORT}`).replace(/\/+$/, '');
  }

  /** Production must not run on the well-known development values, nor on secrets that are short or guessable. */
  problems(): string[] {
    const invalidProxies = invalidProxyEntries(this.trustedProxies);
    const problems: string[] = invalidProxies.length
      ? [`NEWSROOM_TRUSTED_PROXIES: not an address, CIDR, loopback, linklocal or uniquelocal: ${invalidProxies.join(', ')}`]
      : [];
    if (!this.isProduction) return problems;
    if (this.NEWSROOM_ADMIN_EMAIL === DEV_ADMIN_EMAIL || this.NEWSROOM_ADMIN_PASSWORD === DEV_ADMIN_PASSWORD) {
      problems.push('NEWSROOM_ADMIN_EMAIL / NEWSROOM_ADMIN_PASSWORD: production refuses the development defaults');
    }
    const adminPassword = passwordRuleProblem(this.NEWSROOM_ADMIN_PASSWORD);
    if (adminPassword) problems.push(`NEWSROOM_ADMIN_PASSWORD: ${adminPassword} (the rule for every staff password)`);
    if (!this.NEWSROOM_JWT_SECRET) problems.push('NEWSROOM_JWT_SECRET: required in production (every gateway replica must share it)');
    else if (this.NEWSROOM_JWT_SECRET === PUBLISHED_JWT_SECRET) problems.push('NEWSROOM_JWT_SECRET: production refuses the published development value');
    else problems.push(weakSecretProblem('NEWSROOM_JWT_SECRET', this.NEWSROOM_JWT_SECRET, PRODUCTION_SECRET.jwtMinLength) ?? '');
    if (this.NEWSROOM_VIEW_SALT === DEV_VIEW_SALT) problems.push('NEWSROOM_VIEW_SALT: production refuses the development default');
    else problems.push(weakSecretProblem('NEWSROOM_VIEW_SALT', this.NEWSROOM_VIEW_SALT, PRODUCTION_SECRET.viewSaltMinLength) ?? '');
    return problems.filter(Boolean);
  }
}
