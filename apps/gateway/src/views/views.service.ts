import { Inject, Injectable } from '@nestjs/common';
import type { PageView } from '@newsroom/contracts';
import { notFound } from '@newsroom/domain';
import { isbot } from 'isbot';
import { GatewayConfig } from '../gateway.config';
import { RecordViewDto } from './dto/record-view.dto';
import { PublishedArticleLookup, ViewTarget } from './published-article-lookup';
import { ViewBatcher } from './view-batcher';
import { clientKey, visitorKey } from './visitor-key';

/** Who sent the beacon, as the HTTP layer sees it; used for the visitor hash and the crawler check only. */
export interface BeaconClient {
  ip: string;
  userAgent: string;
}

export interface ViewsAccepted {
  /** views handed on to be counted (a repeat visit among them still counts once) */
  accepted: number;
}

/**
 * The view beacon: drops crawlers, resolves articles, hashes visitors and hands
 * the views to the batcher. Counting itself (dedup, buckets, totals) is the
 * views service's job.
 */
@Injectable()
export class ViewsService {
  constructor(
    private readonly lookup: PublishedArticleLookup,
    private readonly batcher: ViewBatcher,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
  ) {}

  /** One view; an article that is not published is a 404. */
  async record(dto: RecordViewDto, client: BeaconClient): Promise<ViewsAccepted> {
    // A crawler learns nothing and costs no lookup: same 202 as a counted view.
    if (isbot(client.userAgent)) return { accepted: 0 };
    const [articleId] = await this.lookup.resolve([target(dto)]);
    if (!articleId) throw notFound('ARTICLE.NOT_FOUND', 'no such published article');
    await this.batcher.add([this.pageView(articleId, dto, client, clientKey(client.ip, this.config.NEWSROOM_VIEW_SALT))]);
    return { accepted: 1 };
  }

  /** Many views from one client (a page's beacons sent together); unknown articles count zero. */
  async recordBatch(dtos: RecordViewDto[], client: BeaconClient): Promise<ViewsAccepted> {
    if (isbot(client.userAgent)) return { accepted: 0 };
    const articleIds = await this.lookup.resolve(dtos.map(target));
    const address = clientKey(client.ip, this.config.NEWSROOM_VIEW_SALT);
    const views = dtos.flatMap((dto, i) => (articleIds[i] ? [this.pageView(articleIds[i]!, dto, client, address)] : []));
    if (views.length) await this.batcher.add(views);
    return { accepted: views.length };
  }

  private pageView(articleId: string, dto: RecordViewDto, client: BeaconClient, address: string): PageView {
    const visitor = visitorKey({ visitorId: dto.visitorId, ...client }, this.config.NEWSROOM_VIEW_SALT);
    return { articleId, visitor, at: new Date().toISOString(), client: address };
  }
}

function target(dto: RecordViewDto): ViewTarget {
  return dto.articleId !== undefined ? { articleId: dto.articleId } : { slug: dto.slug as string };
}
