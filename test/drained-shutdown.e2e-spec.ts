import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { Agent, fetch } from 'undici';
import { BROWSER_USER_AGENT, createStaff, DIST, ensureRubric, eventually, freePort, insertArticle, NewsroomProcesses, queryTestDatabase, resetDatabase } from '@newsroom/testing';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('drained shutdown: SIGTERM under load loses nothing and exits 0', () => {
  let newsroom: NewsroomProcesses;
  let slug: string;
  let articleId: string;

  beforeAll(async () => {
    await resetDatabase();
    // one after the other: a busy two-core CI starts fewer processes at once in time
    newsroom = await NewsroomProcesses.start({ apps: ['gateway'] });
    await newsroom.startApp('views');
    const admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    const reporter = await createStaff(admin, ['reporter']);
    ({ id: articleId, slug } = await insertArticle({ authorId: reporter.id, status: 'published' }));
  });

  afterAll(async () => {
    await newsroom?.stop();
  });

  it('a site replica stopped while 16 readers send views answers what it took, exits 0, and every view it accepted is counted', async () => {
    // a replica of the site of its own, to see its exit code
    const port = await freePort();
    const site: ChildProcess = spawn(process.execPath, [join(DIST, 'apps/site/src/main.js')], {
      env: { ...process.env, ...newsroom.env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    site.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    site.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const exited = once(site, 'exit');
    try {
      await eventually(() => fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status === 200), { timeoutMs: 30_000, what: 'the site replica to start' });
      let accepted = 0;
      const refused: string[] = [];
      let stopped = false;
      // each reader from an address of its own: the site caps the visitors one address may bring
      const reader = async (index: number) => {
        const dispatcher = new Agent({ localAddress: `127.0.0.${10 + index}` });
        while (!stopped) {
          try {
            const res = await fetch(`http://127.0.0.1:${port}/views`, {
              dispatcher,
              method: 'POST',
              headers: { 'content-type': 'application/json', 'user-agent': BROWSER_USER_AGENT },
              body: JSON.stringify({ slug, visitorId: `pembaca-${randomBytes(6).toString('hex')}` }),
            });
            await res.arrayBuffer();
            if (res.status === 202) accepted++;
            else refused.push(String(res.status));
          } catch {
            // the replica is gone or closing its connections: a reader would send to another
            refused.push('connection');
            await sleep(20);
          }
        }
      };
      const readers = Promise.all(Array.from({ length: 16 }, (_, i) => reader(i)));
      await eventually(() => accepted >= 100, { timeoutMs: 20_000, what: 'views to flow' });
      const signalled = Date.now();
      site.kill('SIGTERM');
      const [code] = await exited;
      const tookMs = Date.now() - signalled;
      stopped = true;
      await readers;
      expect({ code, output: code === 0 ? '' : output.slice(-2000) }).toEqual({ code: 0, output: '' });
      expect(tookMs).toBeLessThan(8_000);
      // whatever was not accepted was refused in the open (a status or a closed connection), never a 202 that is then lost
      expect(refused.every((r) => r === 'connection' || r === '503')).toBe(true);
      // the count in Postgres (the public JSON is cached), flushed by the views service
      const counted = async () => Number((await queryTestDatabase<{ views: string }>('select views from article_view_totals where article_id = $1', [articleId]))[0]?.views ?? 0);
      await eventually(async () => (await counted()) === accepted, { timeoutMs: 15_000, what: `the ${accepted} accepted views to be counted` }).catch(async (error: Error) => {
        throw new Error(`${error.message}: ${await counted()} counted; refused: ${refused.length}`);
      });
      await sleep(1500);
      expect(await counted()).toBe(accepted);
    } finally {
      if (site.exitCode === null && site.signalCode === null) site.kill('SIGKILL');
    }
  });
});
