import { Inject, Injectable } from '@nestjs/common';
import type { PageView } from '@newsroom/contracts';
import { notFound } from '@newsroom/domain';
import { SiteConfig } from '../site.config';
import { errorBody } from '@newsroom/http';
import { BeaconRefusal } from './beacon-body';
import { BulkLaneBacklog } from './bulk-lane-backlog';
import { isCrawler } from './crawler';
import { PublishedArticleLookup, ViewTarget } from './published-article-lookup';
import { BeaconView, ViewsAccepted } from './view-schemas';
import { ViewLanes } from './view-lanes';
import { clientKey, visitorKey } from './visitor-key';

/** Who sent the beacon, as the HTTP layer sees it; used for the visitor hash and the crawler check only. */
export interface BeaconClient {
  ip: string;
  userAgent: string;
}

/**
 * The view beacon: drops crawlers, resolves articles, hashes visitors and hands
 * the views to a batcher (the prompt lane for readers' pages, the bulk lane for
 * large batches: ViewLanes). Counting itself (dedup, buckets, totals) is the
 * views service's job.
 */
@Injectable()
export class ViewsService {
  /** views this replica answered 202 for and queued, per lane, since it started (its /metrics) */
  readonly accepted = { prompt: 0, bulk: 0 };

  constructor(
    private readonly lookup: PublishedArticleLookup,
    private readonly lanes: ViewLanes,
    private readonly bulkBacklog: BulkLaneBacklog,
    @Inject(SiteConfig) private readonly config: SiteConfig,
  ) {}

  /**
   * One view; an article that is not published is a 404. Not an async
   * function: an article the lookup remembers (nearly every view) costs no
   * promise of its own, and the request waits on its batch's promise alone
   * (readJsonBody says why that matters on the beacon).
   */
  record(view: BeaconView, client: BeaconClient): Promise<ViewsAccepted> {
    // A crawler learns nothing and costs no lookup: same 202 as a counted view.
    if (isCrawler(client.userAgent)) return Promise.resolve(NOT_COUNTED);
    const targets = [target(view)];
    const remembered = this.lookup.recall(targets);
    if (remembered) return this.recordOne(remembered[0], view, client);
    return this.lookup.resolve(targets).then(([articleId]) => this.recordOne(articleId, view, client));
  }

  private recordOne(articleId: string | null, view: BeaconView, client: BeaconClient): Promise<ViewsAccepted> {
    if (!articleId) throw notFound('ARTICLE.NOT_FOUND', 'no such published article');
    const pageView = this.pageView(articleId, view, client, clientKey(client.ip, this.config.NEWSROOM_VIEW_SALT), new Date().toISOString());
    return this.lanes.prompt.add([pageView]).then(() => {
      this.accepted.prompt++;
      return COUNTED_ONE;
    });
  }

  /**
   * Many views from one client (a page's beacons sent together, or a
   * collector's batch); unknown articles count zero. A large batch is refused
   * with 503 while the bulk lane is too far behind (BulkLaneBacklog).
   */
  async recordBatch(beacons: BeaconView[], client: BeaconClient): Promise<ViewsAccepted> {
    if (isCrawler(client.userAgent)) return NOT_COUNTED;
    const lane = this.lanes.for(beacons.length);
    if (lane === this.lanes.bulk) {
      const retryAfter = this.bulkBacklog.retryAfterSeconds();
      if (retryAfter > 0) {
        const message = `view counting is behind on large batches; nothing of this one was counted: send it again in ${retryAfter} s`;
        throw new BeaconRefusal(errorBody(503, message, 'VIEWS.COUNTING_BEHIND'), { 'retry-after': retryAfter });
      }
    }
    const articleIds = await this.lookup.resolve(beacons.map(target));
    const address = clientKey(client.ip, this.config.NEWSROOM_VIEW_SALT);
    const at = new Date().toISOString();
    const views = beacons.flatMap((beacon, i) => (articleIds[i] ? [this.pageView(articleIds[i]!, beacon, client, address, at)] : []));
    if (views.length) await lane.add(views);
    this.accepted[lane === this.lanes.bulk ? 'bulk' : 'prompt'] += views.length;
    return { accepted: views.length };
  }

  private pageView(articleId: string, beacon: BeaconView, client: BeaconClient, address: string, at: string): PageView {
    const visitor = visitorKey({ visitorId: beacon.visitorId, ...client }, this.config.NEWSROOM_VIEW_SALT);
    return { articleId, visitor, at, client: address };
  }
}

const NOT_COUNTED: ViewsAccepted = Object.freeze({ accepted: 0 });
const COUNTED_ONE: ViewsAccepted = Object.freeze({ accepted: 1 });

function target(beacon: BeaconView): ViewTarget {
  return beacon.articleId !== undefined ? { articleId: beacon.articleId } : { slug: beacon.slug as string };
}
