import { IsIn, IsInt, IsOptional, Min, Matches, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { isKnownTimeZone } from '@newsroom/domain';
import { commaList } from './comma-list';

@ValidatorConstraint({ name: 'timeZone' })
class IsTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isKnownTimeZone(value);
  }
  defaultMessage(): string {
    return 'NEWSROOM_TZ must be an IANA time zone such as Asia/Jakarta';
  }
}

/** An http(s) URL without query or fragment: what a setting naming a service's address must be. */
export const HTTP_URL = /^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/;

/**
 * What every process of the newsroom reads from its environment. Each app
 * extends this with its own variables; start-up fails naming every bad one.
 */
export class BaseConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/newsroom';

  /**
   * PostgreSQL itself, never a transaction-mode pooler (PgBouncer): for what
   * needs a session of its own, that is creating the database and running
   * migrations. Unset, DATABASE_URL is used. The apps themselves need no
   * session (no advisory locks, LISTEN, session SET, named prepared
   * statements or temporary tables), so they run through the pooler.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_DIRECT_URL must be a postgres:// URL' })
  DATABASE_DIRECT_URL?: string;

  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL: string = 'redis://127.0.0.1:6379';

  /**
   * Prefix of every Redis key the newsroom writes. Queue keys put it in braces
   * (a Redis Cluster hash tag) so one queue's keys stay in one slot.
   */
  @Matches(/^[a-z0-9][a-z0-9_-]{0,40}$/i, { message: 'NEWSROOM_REDIS_PREFIX must be letters, digits, - or _' })
  NEWSROOM_REDIS_PREFIX: string = 'newsroom';

  @Validate(IsTimeZone)
  NEWSROOM_TZ: string = 'Asia/Jakarta';

  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  /** `json`: one JSON object per line, for log collectors; `text`: Nest's readable lines */
  @IsIn(['json', 'text'])
  LOG_FORMAT: 'json' | 'text' = 'text';

  /**
   * Where the edge cache (Varnish running deploy/varnish/default.vcl) takes
   * PURGE requests, e.g. http://127.0.0.1:6081/. Unset: no edge, and no purge
   * job is ever produced. Here, not in one app's config, because the decision
   * is made where outbox events are routed (every app that relays the outbox:
   * gateway, drafts, publisher) and the publisher, which sends the purges,
   * must agree with them: one environment for all of them keeps them agreeing.
   */
  @IsOptional()
  @Matches(HTTP_URL, { message: 'NEWSROOM_EDGE_PURGE_URL must be an http(s) URL without query or fragment, e.g. http://127.0.0.1:6081/' })
  NEWSROOM_EDGE_PURGE_URL?: string;

  /**
   * Streaming replicas of PostgreSQL (comma-separated postgres:// URLs) for
   * the readers' reads. Only the site reads them (its public lists, article
   * pages, rubrics); everything staff do reads the primary. Unset: no replica.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/[^,\s]+(\s*,\s*postgres(ql)?:\/\/[^,\s]+)*$/, { message: 'DATABASE_REPLICA_URLS must be comma-separated postgres:// URLs' })
  DATABASE_REPLICA_URLS?: string;

  /** How far (ms) a replica may trail the primary before public reads go to the primary instead. */
  @IsInt()
  @Min(100)
  DATABASE_REPLICA_MAX_LAG_MS: number = 2000;

  get replicaUrls(): string[] {
    return commaList(this.DATABASE_REPLICA_URLS);
  }

  /** Where migrations and database creation go: DATABASE_DIRECT_URL, else DATABASE_URL. */
  get directDatabaseUrl(): string {
    return this.DATABASE_DIRECT_URL || this.DATABASE_URL;
  }

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}
