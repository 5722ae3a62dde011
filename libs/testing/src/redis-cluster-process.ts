import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Redis, { Cluster } from 'ioredis';
import { eventually, sleep } from './eventually';
import { freePort, ROOT } from './local-machine';

const run = promisify(execFile);

/** The repository's script, run as a newcomer would: the tests start the cluster it starts. */
export const REDIS_CLUSTER_SCRIPTS = join(ROOT, 'deploy/redis-cluster');

export interface ClusterNodeInfo {
  port: number;
  role: 'master' | 'replica';
  /** slot ranges a master serves, e.g. [[0, 5460]] */
  slots: [number, number][];
}

/** Every node started in this Jest worker, killed on exit even when a test throws. */
const everyNode = new Set<number>();
process.once('exit', () => everyNode.forEach((pid) => killQuietly(pid, 'SIGKILL')));

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    /* already gone */
  }
}

/** Whether a process of this id exists (signal 0). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A real local Redis Cluster (3 masters, 3 replicas by default, no persistence)
 * started with deploy/redis-cluster/start.sh on free ports, for the cluster
 * tests and benchmarks. Its nodes fail over within a couple of seconds
 * (cluster-node-timeout 1000 ms), so a test can kill a master and watch its
 * replica take over.
 */
export class RedisClusterProcess {
  private stopped = false;

  private constructor(
    readonly dir: string,
    /** client ports, the masters first (as created) */
    readonly ports: number[],
    /** how many of them were created masters */
    readonly masterCount: number,
  ) {}

  /** `masters` (default 3) with `replicasPerMaster` (default 1) each. */
  static async start(options: { nodeTimeoutMs?: number; masters?: number; replicasPerMaster?: number } = {}): Promise<RedisClusterProcess> {
    const masters = options.masters ?? 3;
    const replicas = options.replicasPerMaster ?? 1;
    const nodes = masters * (1 + replicas);
    const ports: number[] = [];
    // client ports and cluster-bus ports, all distinct free ones
    while (ports.length < 2 * nodes) {
      const port = await freePort();
      if (!ports.includes(port)) ports.push(port);
    }
    const dir = mkdtempSync(join(tmpdir(), 'newsroom-redis-cluster.'));
    const cluster = new RedisClusterProcess(dir, ports.slice(0, nodes), masters);
    try {
      await run(join(REDIS_CLUSTER_SCRIPTS, 'start.sh'), [dir], {
        env: {
          ...process.env,
          REDIS_CLUSTER_MASTERS: String(masters),
          REDIS_CLUSTER_REPLICAS: String(replicas),
          REDIS_CLUSTER_PORTS: ports.slice(0, nodes).join(' '),
          REDIS_CLUSTER_BUS_PORTS: ports.slice(nodes).join(' '),
          REDIS_CLUSTER_NODE_TIMEOUT_MS: String(options.nodeTimeoutMs ?? 1000),
        },
        timeout: 60_000,
      });
      for (const port of cluster.ports) everyNode.add(cluster.pid(port));
    } catch (error) {
      for (const port of cluster.ports) if (existsSync(cluster.pidFile(port))) everyNode.add(cluster.pid(port));
      await cluster.stop();
      const e = error as { stderr?: string; message: string };
      throw new Error(`the Redis Cluster did not start: ${e.stderr || e.message}`);
    }
    return cluster;
  }

  /** REDIS_CLUSTER_NODES for the apps: the masters as created (seeds only: the client learns the rest). */
  get seedNodes(): string {
    return this.ports
      .slice(0, this.masterCount)
      .map((p) => `127.0.0.1:${p}`)
      .join(',');
  }

  /** A cluster client for the tests' own reads (no key prefix); disconnect it when done. */
  client(): Cluster {
    return new Cluster(
      this.ports.slice(0, this.masterCount).map((port) => ({ host: '127.0.0.1', port })),
      { redisOptions: { maxRetriesPerRequest: null }, retryDelayOnFailover: 300, maxRedirections: 32, enableReadyCheck: false },
    );
  }

  /** A plain connection to one node (INFO, SCAN, CLUSTER NODES); disconnect it when done. */
  node(port: number): Redis {
    return new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 1, lazyConnect: false });
  }

  /** The cluster as one live node sees it. */
  async topology(): Promise<ClusterNodeInfo[]> {
    for (const port of this.ports) {
      if (!this.isRunning(port)) continue;
      const node = this.node(port);
      try {
        const text = (await node.call('CLUSTER', 'NODES')) as string;
        return text
          .trim()
          .split('\n')
          .flatMap((line) => {
            const [, address, flags, , , , , state, ...slots] = line.split(' ');
            if (flags.includes('fail') || state !== 'connected') return [];
            const nodePort = Number(address.split('@')[0].split(':')[1]);
            const role = flags.includes('master') ? ('master' as const) : ('replica' as const);
            const ranges = slots.filter((s) => /^\d/.test(s)).map((s) => s.split('-').map(Number) as [number, number]);
            return [{ port: nodePort, role, slots: ranges.map(([low, high]) => [low, high ?? low] as [number, number]) }];
          });
      } catch {
        /* this node is going away: ask another */
      } finally {
        node.disconnect();
      }
    }
    throw new Error('no node of the Redis Cluster answers');
  }

  /** The ports of the masters serving slots now. */
  async masters(): Promise<ClusterNodeInfo[]> {
    return (await this.topology()).filter((n) => n.role === 'master' && n.slots.length > 0);
  }

  /** The master serving `slot` now. */
  async masterOf(slot: number): Promise<number> {
    const master = (await this.masters()).find((m) => m.slots.some(([low, high]) => slot >= low && slot <= high));
    if (!master) throw new Error(`no master serves slot ${slot}`);
    return master.port;
  }

  /**
   * Moves `slot` from the master serving it to the master at `to`, as
   * `redis-cli --cluster reshard` does (CLUSTER SETSLOT IMPORTING/MIGRATING,
   * MIGRATE, SETSLOT NODE), but `keysPerStep` keys at a time with `pauseMs`
   * between steps: while it runs, clients meet the slot half moved (ASK for
   * keys already gone, TRYAGAIN for a command on keys on both sides), then
   * MOVED once it is the new master's. Returns how many keys moved.
   */
  async migrateSlot(slot: number, to: number, options: { keysPerStep?: number; pauseMs?: number } = {}): Promise<number> {
    const { keysPerStep = 10, pauseMs = 10 } = options;
    const from = await this.masterOf(slot);
    if (from === to) return 0;
    const masters = (await this.masters()).map((m) => m.port);
    const nodes = new Map([...new Set([from, to, ...masters])].map((port) => [port, this.node(port)]));
    const source = nodes.get(from)!;
    const target = nodes.get(to)!;
    try {
      const targetId = (await target.call('CLUSTER', 'MYID')) as string;
      await target.call('CLUSTER', 'SETSLOT', slot, 'IMPORTING', (await source.call('CLUSTER', 'MYID')) as string);
      await source.call('CLUSTER', 'SETSLOT', slot, 'MIGRATING', targetId);
      let moved = 0;
      for (;;) {
        // while the slot is MIGRATING a new key is made on the target (ASK), so the source only ever loses keys
        const keys = (await source.call('CLUSTER', 'GETKEYSINSLOT', slot, keysPerStep)) as string[];
        if (keys.length === 0) break;
        await source.call('MIGRATE', '127.0.0.1', to, '', 0, 5000, 'KEYS', ...keys);
        moved += keys.length;
        await sleep(pauseMs);
      }
      // the new owner first, then the old one (whose clients then get MOVED), then the other masters, rather than wait for gossip
      for (const node of [target, source, ...[...nodes].filter(([port]) => port !== from && port !== to).map(([, node]) => node)]) {
        await node.call('CLUSTER', 'SETSLOT', slot, 'NODE', targetId);
      }
      return moved;
    } finally {
      for (const node of nodes.values()) node.disconnect();
    }
  }

  /** `kill -9`: the node is gone at once, with whatever its replica had not received yet. */
  kill(port: number): void {
    const pid = this.pid(port);
    killQuietly(pid, 'SIGKILL');
    everyNode.delete(pid);
    // a SIGKILLed node leaves its pid file behind: gone, so that nothing later signals whoever reuses the pid
    rmSync(this.pidFile(port), { force: true });
  }

  /** Starts a killed node again from its config; it rejoins the cluster (as a replica of whoever took over). */
  async restart(port: number): Promise<void> {
    await run('redis-server', [join(this.dir, String(port), 'redis.conf')]);
    await eventually(() => existsSync(this.pidFile(port)) && processAlive(this.pid(port)), { timeoutMs: 10_000, intervalMs: 50, what: `node ${port} to start again` });
    everyNode.add(this.pid(port));
  }

  isRunning(port: number): boolean {
    return existsSync(this.pidFile(port)) && processAlive(this.pid(port));
  }

  /** Waits until every live node agrees the cluster is whole (each slot served by a live master) and every replica is in sync. */
  async waitUntilHealthy(timeoutMs = 30_000): Promise<void> {
    await eventually(
      async () => {
        for (const port of this.ports.filter((p) => this.isRunning(p))) {
          const node = this.node(port);
          try {
            if (!/cluster_state:ok/.test((await node.call('CLUSTER', 'INFO')) as string)) return false;
          } catch {
            return false;
          } finally {
            node.disconnect();
          }
        }
        const served = (await this.masters()).reduce((sum, m) => sum + m.slots.reduce((s, [low, high]) => s + high - low + 1, 0), 0);
        if (served !== 16384) return false;
        // and every replica holds a copy of its master (until then a master's writes have none)
        for (const { port } of (await this.topology()).filter((n) => n.role === 'replica')) {
          const node = this.node(port);
          try {
            if (!/master_link_status:up/.test(await node.info('replication'))) return false;
          } catch {
            return false;
          } finally {
            node.disconnect();
          }
        }
        return true;
      },
      { timeoutMs, intervalMs: 100, what: 'the Redis Cluster to be whole' },
    );
  }

  /** Stops every node (stop.sh, then SIGKILL for any left) and deletes the directory. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const pids = this.ports.filter((p) => existsSync(this.pidFile(p))).map((p) => this.pid(p));
    try {
      await run(join(REDIS_CLUSTER_SCRIPTS, 'stop.sh'), [this.dir], { timeout: 30_000 });
    } catch {
      /* killed below */
    }
    for (const pid of pids) {
      killQuietly(pid, 'SIGKILL');
      everyNode.delete(pid);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private pidFile(port: number): string {
    return join(this.dir, String(port), 'redis.pid');
  }

  /** The process id of the node on `port` (benchmarks read its CPU time from /proc). */
  pid(port: number): number {
    return Number(readFileSync(this.pidFile(port), 'utf8').trim());
  }
}
