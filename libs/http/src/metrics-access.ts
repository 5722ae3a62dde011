import { NotFoundException, UnauthorizedException } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Who may scrape an app's /metrics. Queue depths, backlogs and process
 * figures tell an outsider how loaded (and how attackable) the newsroom is,
 * so in production it answers only the scraper's bearer token
 * (NEWSROOM_METRICS_TOKEN) and does not exist without one. In development and
 * tests it stays open for curl.
 */
export class MetricsAccess {
  private readonly expected?: Buffer;

  constructor(private readonly config: { isProduction: boolean; NEWSROOM_METRICS_TOKEN?: string }) {
    if (config.NEWSROOM_METRICS_TOKEN) this.expected = digest(`Bearer ${config.NEWSROOM_METRICS_TOKEN}`);
  }

  /** Throws the 404 or 401 a scrape without the right token gets. */
  check(authorization: string | undefined): void {
    if (!this.config.isProduction) return;
    if (!this.expected) throw new NotFoundException();
    // digests of equal length, compared in constant time: the answer's timing says nothing of the token
    if (!timingSafeEqual(digest(authorization ?? ''), this.expected)) throw new UnauthorizedException('a valid metrics token is required');
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
