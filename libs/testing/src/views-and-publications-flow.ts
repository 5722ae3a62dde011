import { ApiClient } from './http-client';
import { BROWSER_USER_AGENT } from './browser-user-agent';
import { queryTestDatabase } from './database-reset';
import { eventually, sleep } from './eventually';
import { insertArticle, Staff } from './factories';

/** The views counted in Postgres so far, by article id (articles without any are left out). */
export async function countedViews(articleIds: string[]): Promise<Record<string, number>> {
  const rows = await queryTestDatabase<{ article_id: string; views: string }>(`select article_id, views::text from article_view_totals where article_id = any($1::uuid[])`, [articleIds]);
  return Object.fromEntries(rows.map((r) => [r.article_id, Number(r.views)]));
}

/**
 * What flows through the newsroom while a test breaks its Redis (kills a
 * master, moves slots): readers sending view batches all along, each sent
 * again until accepted (every answer that is not a 202 is kept), and timed
 * publications falling due one after another. Afterwards it tells what was
 * accepted and what was counted and published, so the test can show that
 * nothing was lost or doubled.
 */
export class ViewsAndPublicationsFlow {
  /** article id -> the visitors whose views of it were accepted (202) */
  readonly accepted = new Map<string, Set<string>>();
  /** every answer but 202 to a batch (`503 retry-after=1`), or the network error, in order */
  readonly refusals: string[] = [];
  private flowing = true;
  private load: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly readers: string[],
    /** the ids of the articles scheduled to go live during the flow */
    readonly publications: string[],
  ) {}

  /**
   * Schedules `publications` approved articles through the API (due from 2 s
   * from now, 300 ms apart, and each 1 s after it is scheduled at least), then starts 4 readers sending batches of 5 views
   * of `readers` with `pauseMs` between batches.
   */
  static async start(api: ApiClient, options: { scheduler: Staff; readers: string[]; publications: number; label: string; pauseMs?: number }): Promise<ViewsAndPublicationsFlow> {
    const articles = await Promise.all(Array.from({ length: options.publications }, () => insertArticle({ authorId: options.scheduler.id, status: 'approved' })));
    const start = Date.now();
    for (const [i, article] of articles.entries()) {
      // a second ahead at least, should scheduling take longer than the 300 ms between slots (a busy machine)
      const publishAt = new Date(Math.max(start + 2000 + i * 300, Date.now() + 1000));
      const scheduled = await options.scheduler.api.post(`/articles/${article.id}/schedule`, { publishAt: publishAt.toISOString() });
      if (scheduled.status !== 200) throw new Error(`scheduling ${article.id}: ${scheduled.status} ${scheduled.text}`);
    }
    const flow = new ViewsAndPublicationsFlow(options.readers, articles.map((a) => a.id));
    const browser = api.withHeaders({ 'user-agent': BROWSER_USER_AGENT });
    flow.load = Promise.all(Array.from({ length: 4 }, (_, client) => flow.read(browser, client, options.label, options.pauseMs ?? 20)));
    return flow;
  }

  private async read(browser: ApiClient, client: number, label: string, pauseMs: number): Promise<void> {
    for (let i = 0; this.flowing; i++) {
      const views = Array.from({ length: 5 }, (_, v) => ({ articleId: this.readers[(client + i + v) % this.readers.length], visitorId: `${label}-${client}-${i}-${v}` }));
      for (;;) {
        const res = await browser.post('/views/batch', views).catch((error: Error) => error);
        if (!(res instanceof Error) && res.status === 202) break;
        this.refusals.push(res instanceof Error ? res.message : `${res.status} retry-after=${res.headers.get('retry-after')}`);
        await sleep(100);
      }
      for (const view of views) (this.accepted.get(view.articleId) ?? this.accepted.set(view.articleId, new Set()).get(view.articleId)!).add(view.visitorId);
      await sleep(pauseMs);
    }
  }

  /** Stops the readers once their batches under way are accepted. */
  async stop(): Promise<void> {
    this.flowing = false;
    await this.load;
  }

  /**
   * Waits until every scheduled article is live; then how many times each was
   * published (article id -> its `published` events) and how many
   * article.published events the outbox holds for them.
   */
  async published(): Promise<{ times: Record<string, number>; outbox: number }> {
    const ids = this.publications;
    await eventually(
      async () => (await queryTestDatabase<{ n: number }>(`select count(*)::int as n from articles where status = 'published' and id = any($1::uuid[])`, [ids]))[0].n === ids.length,
      { timeoutMs: 20_000, intervalMs: 200, what: 'every scheduled article to go live' },
    );
    const events = await queryTestDatabase<{ article_id: string; n: number }>(
      `select article_id, count(*)::int as n from article_events where type = 'published' and article_id = any($1::uuid[]) group by article_id`,
      [ids],
    );
    const outbox = await queryTestDatabase<{ n: number }>(`select count(*)::int as n from outbox_events where type = 'article.published' and article_id = any($1::uuid[])`, [ids]);
    return { times: Object.fromEntries(events.map((e) => [e.article_id, e.n])), outbox: outbox[0].n };
  }

  /**
   * Waits until as many views are counted as were accepted, and 2 s more (a
   * double count would come with the next flushes); then the views per
   * article accepted and counted, and how many were accepted in all.
   */
  async counted(): Promise<{ accepted: Record<string, number>; counted: Record<string, number>; total: number }> {
    const accepted = Object.fromEntries([...this.accepted].map(([id, visitors]) => [id, visitors.size]));
    const total = Object.values(accepted).reduce((s, n) => s + n, 0);
    const counts = () => countedViews(this.readers);
    await eventually(async () => Object.values(await counts()).reduce((s, n) => s + n, 0) >= total, { timeoutMs: 30_000, intervalMs: 250, what: `all ${total} accepted views to be counted` });
    await sleep(2000);
    return { accepted, counted: await counts(), total };
  }
}
