import { CountViewsPayload, PageView } from '@newsroom/contracts';
import { ViewBatcher } from './view-batcher';

const view = (n: number): PageView => ({ articleId: `a-${n}`, visitor: `v-${n}`, at: '2024-12-05T09:38:00.000Z' });
const views = (from: number, count: number) => Array.from({ length: count }, (_, i) => view(from + i));

describe('ViewBatcher', () => {
  let sent: CountViewsPayload[];
  let batcher: ViewBatcher;

  beforeEach(() => {
    sent = [];
    batcher = new ViewBatcher(async (batch) => void sent.push(batch), { maxViews: 3, maxWaitMs: 20 });
  });

  it('sends concurrent requests\' views as one batch after the wait, and answers them only then', async () => {
    let answered = 0;
    const requests = [batcher.add([view(1)]), batcher.add([view(2)])].map((p) => p.then(() => answered++));
    await new Promise((r) => setTimeout(r, 5));
    expect(answered).toBe(0);
    await Promise.all(requests);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ schema: 1, views: [view(1), view(2)] });
    expect(sent[0].batchId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends a full batch at once, and splits a large request over several batches it waits for', async () => {
    const started = Date.now();
    await batcher.add(views(1, 3));
    expect(Date.now() - started).toBeLessThan(15);
    await batcher.add(views(10, 7));
    expect(sent.map((b) => b.views.length)).toEqual([3, 3, 3, 1]);
    expect(sent.flatMap((b) => b.views)).toEqual([...views(1, 3), ...views(10, 7)]);
    expect(new Set(sent.map((b) => b.batchId)).size).toBe(4);
  });

  it('fails exactly the requests whose batch could not be queued', async () => {
    let calls = 0;
    const flaky = new ViewBatcher(async () => {
      if (++calls === 1) throw new Error('redis down');
    }, { maxViews: 2, maxWaitMs: 20 });
    const first = flaky.add([view(1), view(2)]);
    const second = flaky.add([view(3)]);
    await expect(first).rejects.toThrow('redis down');
    await expect(second).resolves.toBeUndefined();
  });

  it('sends what is pending when the gateway shuts down', async () => {
    const pending = batcher.add([view(1)]);
    await batcher.beforeApplicationShutdown();
    expect(sent).toHaveLength(1);
    await pending;
  });
});

describe('ViewBatcher under load (maxInFlight)', () => {
  it('holds views back while a batch is being queued and sends them together once it returns', async () => {
    const sent: CountViewsPayload[] = [];
    let release!: () => void;
    const firstQueued = new Promise<void>((r) => (release = r));
    const batcher = new ViewBatcher(
      async (batch) => {
        sent.push(batch);
        if (sent.length === 1) await firstQueued;
      },
      { maxViews: 100, maxWaitMs: 0, maxInFlight: 1 },
    );
    const first = batcher.add([view(1)]);
    await new Promise((r) => setImmediate(r));
    const later = [batcher.add([view(2)]), batcher.add([view(3)])];
    await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setImmediate(r));
    expect(sent.map((b) => b.views.length)).toEqual([1]);
    release();
    await Promise.all([first, ...later]);
    expect(sent.map((b) => b.views)).toEqual([[view(1)], [view(2), view(3)]]);
  });
});
