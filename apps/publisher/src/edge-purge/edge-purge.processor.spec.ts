import { once } from 'node:events';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { BaseConfig } from '@newsroom/config';
import { JobName, PAYLOAD_SCHEMA_VERSION } from '@newsroom/contracts';
import { EdgePurgeError } from '@newsroom/edge-cache';
import { Job, UnrecoverableError } from 'bullmq';
import { EdgePurgeProcessor } from './edge-purge.processor';
import { EdgePurgeService } from './edge-purge.service';

/** A stand-in edge answering every PURGE with `status`, recording the keys it was asked to drop. */
async function edgeAnswering(status: number) {
  const keys: string[] = [];
  const server: Server = createServer((req, res) => {
    keys.push(String(req.headers['xkey-purge']));
    res.writeHead(status, { 'xkey-purged': '2' }).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, keys, close: () => new Promise((r) => server.close(r)) };
}

function processorFor(url: string | undefined): EdgePurgeProcessor {
  const config = Object.assign(new BaseConfig(), { NEWSROOM_EDGE_PURGE_URL: url });
  return new EdgePurgeProcessor(new EdgePurgeService(config));
}

const job = (keys: string[], data: Record<string, unknown> = {}) =>
  ({ id: 'edge-purge-e1', name: JobName.PurgeEdge, data: { schema: PAYLOAD_SCHEMA_VERSION, eventId: 'e1', keys, ...data }, attemptsMade: 0, opts: { attempts: 126 } }) as unknown as Job;

describe('EdgePurgeProcessor', () => {
  it('purges the job\'s keys and reports what the edge dropped', async () => {
    const edge = await edgeAnswering(200);
    try {
      await expect(processorFor(edge.url).process(job(['article-1', 'home']))).resolves.toEqual({ purged: 2 });
      expect(edge.keys).toEqual(['article-1 home']);
    } finally {
      await edge.close();
    }
  });

  it('throws an edge that did not confirm back to BullMQ, which retries', async () => {
    const edge = await edgeAnswering(503);
    try {
      const attempt = processorFor(edge.url).process(job(['home']));
      await expect(attempt).rejects.toBeInstanceOf(EdgePurgeError);
      await expect(attempt).rejects.not.toBeInstanceOf(UnrecoverableError);
    } finally {
      await edge.close();
    }
  });

  it('fails for good what retrying cannot fix: a key xkey would split, an old payload, no purge URL here', async () => {
    await expect(processorFor('http://127.0.0.1:9/').process(job(['two words']))).rejects.toBeInstanceOf(UnrecoverableError);
    await expect(processorFor('http://127.0.0.1:9/').process(job(['home'], { schema: 0 }))).rejects.toBeInstanceOf(UnrecoverableError);
    await expect(processorFor(undefined).process(job(['home']))).rejects.toBeInstanceOf(UnrecoverableError);
  });
});
