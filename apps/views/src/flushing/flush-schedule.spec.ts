import type { JobProducer } from '@newsroom/queue';
import type { ViewsConfig } from '../views.config';
import { FlushSchedule, FLUSH_SCHEDULER_ID } from './flush-schedule';

/** A producer whose view-upkeep queue only answers the two calls FlushSchedule makes, counting them. */
function fakeProducer(scheduler: unknown) {
  const calls = { looks: 0, upserts: 0 };
  const queue = {
    getJobScheduler: async (id: string) => (calls.looks++, id === FLUSH_SCHEDULER_ID ? scheduler : undefined),
    upsertJobScheduler: async () => void calls.upserts++,
  };
  return { producer: { queue: () => queue } as unknown as JobProducer, calls };
}

const config = { NEWSROOM_VIEW_FLUSH_MS: 1000 } as ViewsConfig;
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('FlushSchedule.ensureScheduled', () => {
  it('looks for the flush scheduler at most once per flush interval, however many batches come in', async () => {
    const { producer, calls } = fakeProducer({ every: 1000 });
    const schedule = new FlushSchedule(producer, config);
    for (let ms = 0; ms < 1000; ms += 10) schedule.ensureScheduled(10_000 + ms);
    await settle();
    expect(calls).toEqual({ looks: 1, upserts: 0 });
    schedule.ensureScheduled(11_000);
    await settle();
    expect(calls.looks).toBe(2);
  });

  it('brings the schedulers back when Redis lost them', async () => {
    const { producer, calls } = fakeProducer(undefined);
    new FlushSchedule(producer, config).ensureScheduled(10_000);
    await settle();
    // the flush tick and the pruning of old flush ids
    expect(calls).toEqual({ looks: 1, upserts: 2 });
  });

  it('looks again at the next batch when a look failed', async () => {
    const { producer, calls } = fakeProducer({ every: 1000 });
    const queue = producer.queue('view-upkeep' as never) as unknown as { getJobScheduler: () => Promise<unknown> };
    const working = queue.getJobScheduler;
    queue.getJobScheduler = async () => (calls.looks++, Promise.reject(new Error('connection lost')));
    const schedule = new FlushSchedule(producer, config);
    schedule.ensureScheduled(10_000);
    await settle();
    queue.getJobScheduler = working;
    schedule.ensureScheduled(10_001);
    await settle();
    expect(calls.looks).toBe(2);
  });
});
