import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import secureJson from 'secure-json-parse';
import { Agent, request } from 'undici';
import { migrateDatabase } from '@newsroom/database';
import { NewsroomProcesses, ROOT, seedArticleInput } from '@newsroom/testing';
import { Client } from 'pg';
import { parseJsonBody } from '@newsroom/http';
import { describeMachine } from '../lib/machine';
import { measureCpu } from '../lib/process-cpu';
import { percentile } from '../lib/stats';

/**
 * `npm run bench:deep-body`: does one anonymous client sending deeply nested
 * JSON still stall the gateway? /health's latency (sequential requests) at
 * rest and while 10 and 40 clients send the probe's body, two million `[` to
 * POST /auth/login, in a loop; and what the depth-bounded parser costs on an
 * ordinary large body (a 1 MiB draft) next to secure-json-parse alone.
 */
const HEALTH_SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const SENDERS = [10, 40];
/** each sender stops after this many bodies, or when the phase ends */
const BODIES_PER_SENDER = 200;
/** encoded once: the senders should cost the machine as little as a real attacker's script */
const DEEP_BODY = Buffer.from('['.repeat(2_000_000));
const PARSE_RUNS = 30;
const BENCH_DATABASE = 'newsroom_bench_deep_body';
/** the per-address limits out of reach: every sender is 127.0.0.1 */
const OUT_OF_REACH = '1000000000';

interface HealthRun {
  label: string;
  senders: number;
  samples: number;
  p50: number;
  p99: number;
  max: number;
  /** answers to the senders, by status */
  answers: Record<string, number>;
  /** median time a sender waited for its 400 */
  attackP50: number;
  /** CPU seconds of the gateway and of this process (the senders and the /health client) during the phase */
  gatewayCpu: number;
  clientCpu: number;
}

function benchDatabaseUrl(database = BENCH_DATABASE): string {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/newsroom');
  url.pathname = `/${database}`;
  return url.toString();
}

async function onServer(sql: string): Promise<void> {
  const client = new Client({ connectionString: benchDatabaseUrl('postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** /health, one request after the other, for `seconds`: each sample is what a probe or a user waits. */
async function healthLatencies(baseUrl: string, seconds: number): Promise<number[]> {
  const samples: number[] = [];
  const until = performance.now() + seconds * 1000;
  const agent = new Agent({ connections: 1 });
  while (performance.now() < until) {
    const started = performance.now();
    const res = await request(`${baseUrl}/health`, { dispatcher: agent });
    await res.body.text();
    if (res.statusCode !== 200) throw new Error(`/health answered ${res.statusCode}`);
    samples.push(performance.now() - started);
  }
  await agent.close();
  return samples;
}

interface AttackResult {
  answers: Record<string, number>;
  latencies: number[];
}

/**
 * The senders run in a process of their own (this script, forked with
 * `senders`): on the /health client's event loop, writing their bodies would
 * delay its own requests and count as the gateway's latency.
 */
function attackFromChild(baseUrl: string, senders: number): { stop: () => Promise<AttackResult & { cpu: number }>; pid: number | undefined } {
  const child = fork(__filename, ['senders', baseUrl, String(senders)]);
  const done = once(child, 'message') as Promise<[AttackResult & { cpu: number }]>;
  return {
    pid: child.pid,
    stop: async () => {
      child.send('stop');
      const [result] = await done;
      return result;
    },
  };
}

/** `senders` clients each sending the deep body in a loop until `stop` or BODIES_PER_SENDER. */
function attack(baseUrl: string, senders: number, stop: { now: boolean }): Promise<AttackResult> {
  const answers: Record<string, number> = {};
  const latencies: number[] = [];
  const agent = new Agent({ connections: senders });
  const sender = async () => {
    for (let i = 0; i < BODIES_PER_SENDER && !stop.now; i++) {
      const started = performance.now();
      try {
        const res = await request(`${baseUrl}/auth/login`, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json' }, body: DEEP_BODY });
        const body = (await res.body.json()) as { code?: string };
        const key = `${res.statusCode}${body.code ? ` ${body.code}` : ''}`;
        answers[key] = (answers[key] ?? 0) + 1;
      } catch (error) {
        answers[(error as Error).name] = (answers[(error as Error).name] ?? 0) + 1;
      }
      latencies.push(performance.now() - started);
    }
  };
  return Promise.all(Array.from({ length: senders }, sender)).then(async () => {
    await agent.close();
    return { answers, latencies };
  });
}

/** The bodies go to the origin (the site passes them on); /health and the CPU are the gateway's, which parses them. */
async function measure(baseUrl: string, gatewayUrl: string, senders: number, gatewayPid: number | undefined): Promise<HealthRun> {
  const { result, cpu } = await measureCpu({ gateway: gatewayPid }, async () => {
    const attacking = senders > 0 ? attackFromChild(baseUrl, senders) : undefined;
    const samples = await healthLatencies(gatewayUrl, HEALTH_SECONDS);
    return { samples, ...((await attacking?.stop()) ?? { answers: {}, latencies: [] as number[], cpu: 0 }) };
  });
  const { samples, answers, latencies } = result;
  return {
    gatewayCpu: cpu.gateway ?? NaN,
    clientCpu: result.cpu,
    label: senders ? `${senders} senders of the deep body` : 'at rest',
    senders,
    samples: samples.length,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    max: Math.max(...samples),
    answers,
    attackP50: latencies.length ? percentile(latencies, 50) : NaN,
  };
}

/** The parser's cost on a large ordinary body, in-process: the depth pass plus secure-json-parse, against the latter alone. */
function parseCost(): { bytes: number; bounded: number; plain: number } {
  const base = seedArticleInput();
  const paragraph = `<p>${'Hujan deras mengguyur Jakarta sejak pagi, dan warga bergotong royong membersihkan saluran air. '.repeat(10)}</p>`;
  const body = JSON.stringify({ ...base, body: paragraph.repeat(Math.ceil((1024 * 1024) / paragraph.length)).slice(0, 1024 * 1024 - 200) });
  const buffer = Buffer.from(body);
  const time = (parse: () => unknown) => {
    const runs: number[] = [];
    for (let i = 0; i < PARSE_RUNS; i++) {
      const started = performance.now();
      parse();
      runs.push(performance.now() - started);
    }
    return percentile(runs, 50);
  };
  time(() => parseJsonBody(buffer)); // warm up both
  time(() => secureJson.parse(buffer.toString('utf8')));
  return {
    bytes: buffer.length,
    bounded: time(() => parseJsonBody(buffer)),
    plain: time(() => secureJson.parse(buffer.toString('utf8'), undefined, { protoAction: 'error', constructorAction: 'error' })),
  };
}

const ms = (value: number) => (value < 10 ? value.toFixed(1) : value.toFixed(0));

function report(machine: string, runs: HealthRun[], parse: ReturnType<typeof parseCost>, totalSeconds: number): string {
  const rest = runs[0];
  const rows = runs.map(
    (r) =>
      `| ${r.label} | ${r.samples} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.senders ? `${(r.p50 / rest.p50).toFixed(1)}x / ${(r.p99 / rest.p99).toFixed(1)}x` : '1x'} | ` +
      `${Object.entries(r.answers).map(([k, n]) => `${n} x ${k}`).join(', ') || '-'} | ${Number.isNaN(r.attackP50) ? '-' : ms(r.attackP50)} | ` +
      `${r.gatewayCpu.toFixed(1)} / ${r.clientCpu.toFixed(1)} |`,
  );
  return `# Deep-body benchmark

Written by \`npm run bench:deep-body\` (bench/deep-body/run.ts). ${machine}. Took ${totalSeconds.toFixed(0)} s.

The probe of issue 19: a 2 MB body of nested \`[\` (two million of them, under the 2 MiB body limit) sent to
\`POST /auth/login\` without a token. Before the depth-bounded parser, each took ~1 s of stack overflow in the
ValidationPipe and answered 500; ten in parallel made \`/health\` take 12 s. Now the JSON body parser stops at
depth 65 with \`400 BODY.TOO_DEEP\` before anything is built.

Method: the real gateway (built, one process) against its own database and Redis prefix; \`/health\` (which asks
Postgres and Redis) requested one after the other for ${HEALTH_SECONDS} s at rest, then again while N clients each send the
deep body in a loop (at most ${BODIES_PER_SENDER} each, until the ${HEALTH_SECONDS} s end). Latencies in ms.

| load | /health samples | p50 | p99 | max | p50 / p99 vs at rest | answers to the senders | sender's wait p50 | CPU s: gateway / senders' process |
|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

The senders' own cost is mostly moving 2 MB per request over loopback: the gateway reads the whole body (the
body limit is checked first, 413 above it), then the tokenizer reads 65 characters and refuses it.

## Parser cost on an ordinary large body

A ${(parse.bytes / 1024).toFixed(0)} KiB draft (\`POST /drafts\` shape, long HTML body), parsed in-process, median of ${PARSE_RUNS}:

| parser | ms |
|---|---|
| secure-json-parse alone (what Fastify's JSON parser did) | ${ms(parse.plain)} |
| depth and NUL pass (@streamparser/json tokenizer) + secure-json-parse | ${ms(parse.bounded)} |

The pass costs ${ms(parse.bounded - parse.plain)} ms per MiB more (${(parse.bounded / parse.plain).toFixed(1)}x); the
body limit is 2 MiB, and ordinary bodies (a beacon view, a login, a draft of a few KiB) cost well under a
millisecond either way.
`;
}

async function main(): Promise<void> {
  const started = Date.now();
  const log = (line: string) => console.log(`[bench:deep-body ${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`);
  await onServer(`drop database if exists "${BENCH_DATABASE}" with (force)`);
  await onServer(`create database "${BENCH_DATABASE}"`);
  await migrateDatabase(benchDatabaseUrl());
  const newsroom = await NewsroomProcesses.start({
    apps: ['gateway'],
    env: { DATABASE_URL: benchDatabaseUrl(), NEWSROOM_RATE_LIMIT_READS_PER_MINUTE: OUT_OF_REACH, NEWSROOM_RATE_LIMIT_LOGINS_PER_MINUTE: OUT_OF_REACH },
  });
  try {
    const parse = parseCost();
    log(`parser on ${parse.bytes} bytes: ${ms(parse.bounded)} ms bounded, ${ms(parse.plain)} ms secure-json-parse alone`);
    await healthLatencies(newsroom.staffUrl(), 1); // warm up
    const runs: HealthRun[] = [];
    for (const senders of [0, ...SENDERS]) {
      const run = await measure(newsroom.baseUrl, newsroom.staffUrl(), senders, newsroom.staffPid());
      runs.push(run);
      log(`${run.label}: /health p50 ${ms(run.p50)} ms, p99 ${ms(run.p99)} ms (${run.samples} samples); senders got ${JSON.stringify(run.answers)}; CPU s gateway ${run.gatewayCpu.toFixed(1)}, senders ${run.clientCpu.toFixed(1)}`);
    }
    const file = join(ROOT, 'docs/benchmarks/deep-body.md');
    mkdirSync(join(ROOT, 'docs/benchmarks'), { recursive: true });
    writeFileSync(file, report(describeMachine(), runs, parse, (Date.now() - started) / 1000));
    log(`report written to ${file}`);
  } finally {
    await newsroom.stop();
    await onServer(`drop database if exists "${BENCH_DATABASE}" with (force)`);
  }
}

/** Forked as the senders: attack until the parent says stop, then report. */
async function senders(baseUrl: string, count: number): Promise<void> {
  const stop = { now: false };
  const cpuBefore = process.cpuUsage();
  process.once('message', () => (stop.now = true));
  const result = await attack(baseUrl, count, stop);
  const cpu = process.cpuUsage(cpuBefore);
  // senders that finished their bodies early still wait for the word, so the phase's CPU is counted alike
  if (!stop.now) await once(process, 'message');
  process.send!({ ...result, cpu: (cpu.user + cpu.system) / 1e6 });
  process.disconnect();
}

(process.argv[2] === 'senders' ? senders(process.argv[3], Number(process.argv[4])) : main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
