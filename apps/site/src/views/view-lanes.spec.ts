import { CountViewsPayload, PageView } from '@newsroom/contracts';
import { ViewBatcher } from './view-batcher';
import { PROMPT_LANE_MAX_VIEWS, ViewLanes } from './view-lanes';

const view = (n: number): PageView => ({ articleId: `a-${n}`, visitor: `v-${n}`, at: '2024-12-05T09:38:00.000Z' });

describe('ViewLanes', () => {
  const sent = { prompt: [] as CountViewsPayload[], bulk: [] as CountViewsPayload[] };
  const lanes = new ViewLanes(
    new ViewBatcher(async (batch) => void sent.prompt.push(batch), { maxViews: 1000, maxWaitMs: 60_000 }),
    new ViewBatcher(async (batch) => void sent.bulk.push(batch), { maxViews: 1000, maxWaitMs: 60_000 }),
  );

  it('sends a reader\'s page and a page\'s few beacons by the prompt lane, larger batches by the bulk lane', () => {
    expect(lanes.for(1)).toBe(lanes.prompt);
    expect(lanes.for(PROMPT_LANE_MAX_VIEWS)).toBe(lanes.prompt);
    expect(lanes.for(PROMPT_LANE_MAX_VIEWS + 1)).toBe(lanes.bulk);
    expect(lanes.for(500)).toBe(lanes.bulk);
  });

  it('sends what both lanes hold when the gateway shuts down', async () => {
    const pending = [lanes.prompt.add([view(1)]), lanes.bulk.add([view(2), view(3)])];
    await lanes.beforeApplicationShutdown();
    await Promise.all(pending);
    expect(sent.prompt.map((b) => b.views)).toEqual([[view(1)]]);
    expect(sent.bulk.map((b) => b.views)).toEqual([[view(2), view(3)]]);
  });
});
