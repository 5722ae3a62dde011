import { once } from 'node:events';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetch } from 'undici';
import { loadConfig, ConfigError } from '@newsroom/config';
import { EgressAllowList } from './egress-allow-list';
import { egressAgent, guardedLookup } from './egress-agent';
import { WebhookTargetsConfig } from './webhook-targets.config';

describe('egressAgent (the check at connect time)', () => {
  let server: Server;
  let port: number;
  let hits = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits++;
      res.writeHead(204).end();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => (hits = 0));

  const post = async (url: string, allow: EgressAllowList) => {
    const agent = egressAgent(allow);
    try {
      return await fetch(url, { method: 'POST', body: '{}', dispatcher: agent });
    } finally {
      await agent.destroy();
    }
  };

  it('refuses an internal address literal and a name resolving to one, before connecting', async () => {
    for (const url of [`http://127.0.0.1:${port}/`, `http://127.1:${port}/`, `http://[::ffff:127.0.0.1]:${port}/`, `http://localhost:${port}/`]) {
      await expect(post(url, EgressAllowList.NONE)).rejects.toMatchObject({ cause: { code: 'ERR_EGRESS_REFUSED', message: 'target refused: internal address' } });
    }
    expect(hits).toBe(0);
  });

  it('connects where the allowed list says so', async () => {
    expect((await post(`http://127.0.0.1:${port}/`, EgressAllowList.parse('127.0.0.0/8'))).status).toBe(204);
    expect((await post(`http://localhost:${port}/`, EgressAllowList.parse('localhost'))).status).toBe(204);
    expect(hits).toBe(2);
  });
});

describe('guardedLookup', () => {
  /** A resolver that answers what a rebinding DNS server would at connect time. */
  const answering = (addresses: { address: string; family: number }[]) => (_h: string, _o: unknown, cb: (e: null, a: typeof addresses) => void) => cb(null, addresses);
  const lookupWith = (allow: EgressAllowList, addresses: { address: string; family: number }[], all: boolean) =>
    new Promise<{ error: (Error & { code?: string }) | null; result: unknown }>((resolve) => {
      guardedLookup(allow, answering(addresses) as never)('rebind.example', { all } as never, (error: Error | null, result: unknown) => resolve({ error, result }));
    });

  it('refuses when any address of the answer is internal', async () => {
    const { error } = await lookupWith(EgressAllowList.NONE, [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.7', family: 4 }], true);
    expect(error).toMatchObject({ code: 'ERR_EGRESS_REFUSED' });
  });

  it('hands the socket exactly the addresses it checked, in the shape it asked for', async () => {
    const addresses = [{ address: '93.184.216.34', family: 4 }, { address: '2606:2800:220:1::1', family: 6 }];
    expect(await lookupWith(EgressAllowList.NONE, addresses, true)).toEqual({ error: null, result: addresses });
    const one = await new Promise((resolve) => guardedLookup(EgressAllowList.NONE, answering(addresses) as never)('x.example', {} as never, (...args: unknown[]) => resolve(args)));
    expect(one).toEqual([null, '93.184.216.34', 4]);
  });
});

describe('WebhookTargetsConfig', () => {
  it('is empty by default and refuses to start on a bad entry, naming the variable and the entry', () => {
    expect(loadConfig(WebhookTargetsConfig, {}).webhookAllowList).toBe(EgressAllowList.NONE);
    expect(() => loadConfig(WebhookTargetsConfig, { NEWSROOM_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1,10.0.0.0/40' })).toThrow(ConfigError);
    expect(() => loadConfig(WebhookTargetsConfig, { NEWSROOM_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1,10.0.0.0/40' })).toThrow(/NEWSROOM_WEBHOOK_ALLOWED_HOSTS.*"10\.0\.0\.0\/40"/);
    expect(loadConfig(WebhookTargetsConfig, { NEWSROOM_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' }).webhookAllowList).not.toBe(EgressAllowList.NONE);
  });
});
