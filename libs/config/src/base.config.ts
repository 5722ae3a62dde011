// class-transformer's @Type reads reflect-metadata when the class is declared
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min, Validate, ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
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

/** One seed node of REDIS_CLUSTER_NODES: host or [IPv6] and a port. */
const CLUSTER_NODE = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+):(\d{1,5})$/i;

@ValidatorConstraint({ name: 'clusterNodes' })
class IsClusterNodeList implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    return this.problem(value, args.object as BaseConfig) === null;
  }
  defaultMessage(args: ValidationArguments): string {
    return this.problem(args.value, args.object as BaseConfig) ?? '';
  }
  private problem(value: unknown, config: BaseConfig): string | null {
    const entries = String(value).split(',').map((e) => e.trim()).filter(Boolean);
    if (entries.length === 0) return 'REDIS_CLUSTER_NODES must list host:port seed nodes, e.g. 10.0.0.1:6379,10.0.0.2:6379';
    const bad = entries.find((e) => !CLUSTER_NODE.test(e) || Number(CLUSTER_NODE.exec(e)![2]) < 1 || Number(CLUSTER_NODE.exec(e)![2]) > 65535);
    if (bad) return `REDIS_CLUSTER_NODES: "${bad}" is not host:port`;
    const db = /^\/(\d+)$/.exec(safePath(config.REDIS_URL))?.[1];
    if (db !== undefined && db !== '0') return `REDIS_CLUSTER_NODES: a Redis Cluster has database 0 only, but REDIS_URL names database ${db}; tell deployments apart by NEWSROOM_REDIS_PREFIX`;
    return null;
  }
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

/** View shards when NEWSROOM_VIEW_SHARDS is unset on a cluster: 12 spread evenly over 1, 2, 3, 4, 6 or 12 masters. */
export const DEFAULT_CLUSTER_VIEW_SHARDS = 12;

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
   * Prefix of every Redis key the newsroom writes, inside Redis Cluster hash
   * tags (RedisKeyspace says which keys share one): two deployments on one
   * Redis or cluster need different prefixes (or, on a single node, database indexes).
   */
  @Matches(/^[a-z0-9][a-z0-9_-]{0,40}$/i, { message: 'NEWSROOM_REDIS_PREFIX must be letters, digits, - or _' })
  NEWSROOM_REDIS_PREFIX: string = 'newsroom';

  /**
   * Seed nodes of a Redis Cluster (`host:port,host:port,...`; a few suffice,
   * the client learns the rest). Set, every connection (queues, workers,
   * counters, scripts, pub/sub, rate limits) is a cluster client; REDIS_URL
   * then gives only the credentials and TLS (`rediss://user:password@any/`),
   * and its database index must be 0. Unset: the single node of REDIS_URL.
   */
  @IsOptional()
  @Validate(IsClusterNodeList)
  REDIS_CLUSTER_NODES?: string;

  /**
   * How many shards view counting is split into, by article: each shard's
   * queue and counters under a hash tag of their own, so on a cluster the
   * counting work spreads over the masters. Every gateway and views replica
   * must agree; change it only with the view-counting queues drained (a
   * shard's waiting batches are read only by a views service that knows it).
   * Unset: 1 on a single node (the key names of earlier versions), 12 on a cluster.
   */
  @IsOptional()
  // an optional number has no declared type to convert the string by (`number | undefined`)
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(256)
  NEWSROOM_VIEW_SHARDS?: number;

  /**
   * Writes that must survive the loss of their master (an accepted view
   * batch, a relayed outbox event, view counts claimed for Postgres) are
   * acknowledged only once this many of its replicas have them (Redis WAIT,
   * up to 500 ms; past that the view is refused with 503 and the relay or
   * flush tries again). 0: no waiting, the single-node default; with
   * replicas (a cluster), 1 makes a failover lose no accepted view.
   */
  @IsInt()
  @Min(0)
  @Max(5)
  NEWSROOM_REDIS_WAIT_REPLICAS: number = 0;

  // view counting, by the site (readers' views, as they arrive) and the views service (collectors' batches) alike

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

  @Validate(IsTimeZone)
  NEWSROOM_TZ: string = 'Asia/Jakarta';

  // the search, readers' (site) and staff's (gateway) alike
  /**
   * The longest a search may run in PostgreSQL (statement_timeout of its
   * transaction); past it the caller (reader or staff) gets a 503 with Retry-After, and the
   * database is not kept busy by one odd query.
   */
  @IsInt()
  @Min(10)
  @Max(10_000)
  NEWSROOM_SEARCH_TIMEOUT_MS: number = 1000;

  /**
   * How many of a search's newest matches are ranked by relevance: a common
   * word matches most of the archive, and ranking all of it would read every
   * article. Rare words (fewer matches than this) are ranked in full.
   */
  @IsInt()
  @Min(10)
  @Max(100_000)
  NEWSROOM_SEARCH_RANK_WINDOW: number = 500;

  /**
   * On SIGTERM (or SIGINT) an app stops taking work and finishes what it
   * holds (requests in flight, the beacon's pending batch, active jobs) for
   * at most this long, then exits 0; still busy then, it exits 1. Keep it
   * under the orchestrator's kill timeout (npm start and the tests: 10 s).
   */
  @IsInt()
  @Min(100)
  NEWSROOM_SHUTDOWN_TIMEOUT_MS: number = 8_000;

  /**
   * An OpenTelemetry collector's OTLP/HTTP base URL (e.g. http://127.0.0.1:4318):
   * set, every app sends a span per request and per job to <it>/v1/traces.
   * Unset (the default), nothing is exported and no collector is needed.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s?#]+$/, { message: 'NEWSROOM_OTEL_ENDPOINT must be an http(s) URL without query or fragment, e.g. http://127.0.0.1:4318' })
  NEWSROOM_OTEL_ENDPOINT?: string;

  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  /** `json`: one JSON object per line, for log collectors; `text`: readable lines (pino-pretty). Unset: json in production, text elsewhere */
  @IsOptional()
  @IsIn(['json', 'text'])
  LOG_FORMAT?: 'json' | 'text';

  get logFormat(): 'json' | 'text' {
    return this.LOG_FORMAT ?? (this.NODE_ENV === 'production' ? 'json' : 'text');
  }

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

  /** NEWSROOM_VIEW_SHARDS, or its default for this kind of Redis. */
  get viewShards(): number {
    return this.NEWSROOM_VIEW_SHARDS ?? (this.REDIS_CLUSTER_NODES ? DEFAULT_CLUSTER_VIEW_SHARDS : 1);
  }

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}
