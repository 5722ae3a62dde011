import { IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { BaseConfig, commaList, HTTP_URL } from '@newsroom/config';
import { invalidProxyEntries } from './client-address';

/**
 * What each HTTP app (the gateway: staff API and desk; the site: the readers'
 * side) reads of its environment to serve HTTP: where it listens, whom it
 * trusts as a proxy, its public origin and who may scrape its metrics.
 */
export class HttpServerConfig extends BaseConfig {
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
   * ignored and the client is the socket's address (client-address.ts).
   */
  @IsString()
  NEWSROOM_TRUSTED_PROXIES: string = '';

  /**
   * The site's own origin for every absolute URL the apps write (canonical
   * links, OpenGraph, JSON-LD, links in the desk): never taken from a
   * request's Host or X-Forwarded-Host, which a client or a poisoned cache
   * entry would choose. Unset: http://127.0.0.1:<PORT>.
   */
  @IsOptional()
  @Matches(HTTP_URL, { message: 'NEWSROOM_PUBLIC_URL must be an http(s) URL without query or fragment, e.g. https://www.portal.example' })
  NEWSROOM_PUBLIC_URL?: string;

  /** In production /metrics answers only with `Authorization: Bearer <this>`; unset there, /metrics is 404. */
  @IsOptional()
  @IsString()
  @MinLength(16)
  NEWSROOM_METRICS_TOKEN?: string;

  /** largest accepted request body; drafts need at least 1 MiB */
  @IsInt()
  @Min(1024 * 1024)
  NEWSROOM_BODY_LIMIT_BYTES: number = 2 * 1024 * 1024;

  /**
   * How long a client may take to send a request's headers, and the whole
   * request: a slow client (slowloris) holding connections open a byte at a
   * time is cut off after this, not after Node's 60 s and 300 s.
   */
  @IsInt()
  @Min(1000)
  NEWSROOM_HEADERS_TIMEOUT_MS: number = 10_000;

  @IsInt()
  @Min(1000)
  NEWSROOM_REQUEST_TIMEOUT_MS: number = 30_000;

  get trustedProxies(): string[] {
    return commaList(this.NEWSROOM_TRUSTED_PROXIES);
  }

  /** The public origin (and path prefix, if any) without a trailing slash. */
  get publicUrl(): string {
    return (this.NEWSROOM_PUBLIC_URL ?? `http://127.0.0.1:${this.PORT}`).replace(/\/+$/, '');
  }

  problems(): string[] {
    const invalidProxies = invalidProxyEntries(this.trustedProxies);
    return invalidProxies.length ? [`NEWSROOM_TRUSTED_PROXIES: not an address, CIDR, loopback, linklocal or uniquelocal: ${invalidProxies.join(', ')}`] : [];
  }
}
