import { QueueName } from '@newsroom/contracts';
import { keySlot } from '@newsroom/redis';
import {
  ApiClient,
  BROWSER_USER_AGENT,
  clusterErrorCount,
  countedViews,
  createStaff,
  ensureRubric,
  eventually,
  insertArticle,
  NewsroomProcesses,
  RedisClusterProcess,
  resetDatabase,
  sleep,
  Staff,
  ViewsAndPublicationsFlow,
} from '@newsroom/testing';

/** View shards in this test: two per master of the three. */
const VIEW_SHARDS = 6;
/** What views and timed publications go through: the beacon and the scheduling API, the publisher, the views service. */
const APPS = ['gateway', 'publisher', 'views'] as const;

/**
 * The gateway, the publisher and the views service on a real local Redis Cluster (3 masters, 3 replicas) while
 * an operator reshards it: every slot of the deployment one master serves
 * (the publishing queue's, two view shards' and whatever else of ours it
 * holds) is moved to another master key batch by key batch, as `redis-cli
 * --cluster reshard` moves it, while views and timed publications flow. The
 * clients meet ASK, TRYAGAIN and then MOVED all along; nothing may be lost,
 * doubled or refused, and no app restarted.
 */
describe('the newsroom on a Redis Cluster while its slots move to another master (MOVED/ASK)', () => {
  let cluster: RedisClusterProcess;
  let newsroom: NewsroomProcesses;
  let admin: ApiClient;
  let desk: Staff;
  const browser = () => newsroom.api.withHeaders({ 'user-agent': BROWSER_USER_AGENT });

  beforeAll(async () => {
    await resetDatabase();
    cluster = await RedisClusterProcess.start();
    newsroom = await NewsroomProcesses.start({
      apps: [...APPS],
      redisCluster: cluster,
      // every view here comes from one address
      env: { NEWSROOM_VIEW_SHARDS: String(VIEW_SHARDS), NEWSROOM_VIEW_MAX_VISITORS_PER_CLIENT: '1000000' },
    });
    admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    desk = await createStaff(admin, ['editor', 'scheduler'], 'Meja Redaksi');
  });
  afterAll(async () => {
    try {
      await newsroom?.stop();
    } finally {
      await cluster?.stop();
    }
  });

  it('loses, doubles and refuses no view and no publish while the queues\' and view shards\' slots move, and says it followed them', async () => {
    const keyspace = newsroom.keyspace;
    const publishingSlot = keySlot(keyspace.queuePrefix(QueueName.Publishing));
    const from = await cluster.masterOf(publishingSlot);
    const to = (await cluster.masters()).find((m) => m.port !== from)!.port;
    // every slot of this deployment the source master serves
    const tags = [`{${keyspace.prefix}}`, ...Object.values(QueueName).map((q) => keyspace.queuePrefix(q)), ...keyspace.viewShards.map((s) => s.tag)];
    const slots: number[] = [];
    for (const slot of new Set(tags.map(keySlot))) if ((await cluster.masterOf(slot)) === from) slots.push(slot);
    const shardsMoving = keyspace.viewShards.filter((s) => slots.includes(keySlot(s.tag)));
    expect(shardsMoving.length).toBeGreaterThan(0);
    const pids = APPS.map((app) => newsroom.pid(app));
    const errorsBefore = await clusterErrorCount(cluster.seedNodes.split(',')[0], 'CROSSSLOT');

    // readers' articles, half of them counted in the shards that move
    const readers: { id: string }[] = [];
    for (let tries = 0; readers.length < 12 && tries < 200; tries++) {
      const article = await insertArticle({ authorId: desk.id, status: 'published' });
      const moving = shardsMoving.includes(keyspace.viewShardOf(article.id));
      if (readers.filter((r) => shardsMoving.includes(keyspace.viewShardOf(r.id)) === moving).length < 6) readers.push(article);
    }
    expect(readers).toHaveLength(12);
    // 40 publications due from 2 s to 14 s from now (delayed jobs in the publishing queue's slot), and readers sending views all along
    const flow = await ViewsAndPublicationsFlow.start(newsroom.api, { scheduler: desk, readers: readers.map((a) => a.id), publications: 40, label: 'reshard', pauseMs: 10 });

    const moved: { slot: number; keys: number; ms: number }[] = [];
    try {
      await sleep(2500);
      // slot by slot, 10 keys at a time (as redis-cli moves them): the slots stay half moved for a second or more while views and publications go through them
      for (const slot of slots) {
        const began = Date.now();
        const keys = await cluster.migrateSlot(slot, to, { keysPerStep: 10, pauseMs: 10 });
        moved.push({ slot, keys, ms: Date.now() - began });
      }
      await sleep(3000);
    } finally {
      await flow.stop();
    }
    for (const slot of slots) expect(await cluster.masterOf(slot)).toBe(to);
    expect(moved.reduce((sum, m) => sum + m.keys, 0)).toBeGreaterThan(100);

    // every publication went out once, every accepted view was counted once, and none was refused
    const { times, outbox } = await flow.published();
    expect(times).toEqual(Object.fromEntries(flow.publications.map((id) => [id, 1])));
    expect(outbox).toBe(flow.publications.length);
    const { accepted, counted, total } = await flow.counted();
    expect(counted).toEqual(accepted);
    // what the apps said, to tell why a batch was refused
    if (flow.refusals.length) console.log(APPS.map((app) => newsroom.logs(app)).join('').split('\n').filter((l) => /WARN|ERROR/.test(l)).join('\n'));
    expect(flow.refusals).toEqual([]);

    // the same processes carry on: a view and an immediate publication after the move
    expect(APPS.map((app) => newsroom.pid(app))).toEqual(pids);
    const after = await insertArticle({ authorId: desk.id, status: 'approved' });
    expect((await desk.api.post(`/articles/${after.id}/publish`, { version: after.version })).status).toBe(200);
    expect((await browser().post('/views/batch', [{ articleId: after.id, visitorId: 'setelah-pindah' }])).status).toBe(202);
    await eventually(async () => (await countedViews([after.id]))[after.id] === 1, { timeoutMs: 10_000, what: 'the view after the move to be counted' });

    // the apps said they followed the slots (once per slot and kind), and no command ever spanned slots
    const logs = APPS.map((app) => newsroom.logs(app)).join('');
    const notes = logs.split('\n').filter((line) => /Redis Cluster: .*\((MOVED|ASK|TRYAGAIN)\)/.test(line));
    expect(notes.length).toBeGreaterThan(0);
    expect(await clusterErrorCount(cluster.seedNodes.split(',')[0], 'CROSSSLOT')).toBe(errorsBefore);
    const redirects = (await clusterErrorCount(cluster.seedNodes.split(',')[0], 'ASK')) + (await clusterErrorCount(cluster.seedNodes.split(',')[0], 'MOVED'));
    console.log(
      `resharding: ${slots.length} slots (${shardsMoving.length} view shards, the publishing queue) moved from ${from} to ${to}: ${JSON.stringify(moved)}; ` +
        `${total} views accepted and counted once, ${flow.publications.length} publications once; ${redirects} ASK/MOVED answers; ${notes.length} log lines, e.g. ${notes[0]?.trim()}`,
    );
  });
});
