import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from './eventually';
import { freePort, ROOT } from './local-machine';

/** The project's edge policy: the file deployments run, tested as it is. */
export const EDGE_VCL_DIR = join(ROOT, 'deploy/varnish');

export interface VarnishOptions {
  /** Where the origin listens (on 127.0.0.1). */
  originPort: number;
  /** Addresses (or `"net"/bits`) allowed to PURGE; 127.0.0.1 by default. */
  purgers?: string[];
  /**
   * Listen on this port (127.0.0.1) instead of a free one: an edge restarted
   * where the newsroom's NEWSROOM_EDGE_PURGE_URL already points.
   */
  port?: number;
  /** Extra `-p name=value` runtime parameters. */
  params?: Record<string, string>;
}

/** Every varnishd started in this Jest worker, killed on exit even when a test throws. */
const everyVarnish = new Set<VarnishProcess>();
process.once('exit', () => everyVarnish.forEach((v) => v.killNow()));

/**
 * A real Varnish (Debian's varnishd) running deploy/varnish/default.vcl in
 * front of an origin on this machine, for the edge-cache tests. Each instance
 * has a working directory of its own (`-n`), so several never clash, and writes
 * its own origin.vcl there, found first on vcl_path, so the policy file runs
 * unchanged.
 */
export class VarnishProcess {
  private readonly log: string[] = [];
  private stopped = false;

  private constructor(
    readonly port: number,
    private readonly workdir: string,
    private readonly child: ChildProcess,
  ) {}

  static async start(options: VarnishOptions): Promise<VarnishProcess> {
    const varnishd = findVarnishd();
    const port = options.port ?? (await freePort());
    const workdir = mkdtempSync(join(tmpdir(), 'newsroom-varnish-'));
    writeFileSync(join(workdir, 'origin.vcl'), originVcl(options));
    const params = {
      vcl_path: `${workdir}:${EDGE_VCL_DIR}`,
      // the shared-memory log defaults to 80 MB per instance: tests need little
      vsl_space: '1M',
      // two cores shared with the apps: a small pool is plenty
      thread_pools: '1',
      thread_pool_min: '5',
      thread_pool_max: '100',
      connect_timeout: '1',
      first_byte_timeout: '10',
      between_bytes_timeout: '10',
      ...options.params,
    };
    const args = [
      '-F',
      // no privilege separation: the child needs to read our private temp dir
      '-j', 'none',
      '-n', join(workdir, 'n'),
      '-a', `127.0.0.1:${port}`,
      '-f', join(EDGE_VCL_DIR, 'default.vcl'),
      '-s', 'malloc,64m',
      ...Object.entries(params).flatMap(([name, value]) => ['-p', `${name}=${value}`]),
    ];
    // its own process group, so stop() ends the manager and its cache child together
    const child = spawn(varnishd, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const varnish = new VarnishProcess(port, workdir, child);
    everyVarnish.add(varnish);
    child.stdout!.on('data', (chunk: Buffer) => varnish.log.push(chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => varnish.log.push(chunk.toString()));
    try {
      await eventually(
        () => {
          if (child.exitCode !== null) throw new Error(`varnishd exited with ${child.exitCode}: ${varnish.logs().slice(-3000)}`);
          return /Child \(\d+\) said Child starts/.test(varnish.logs());
        },
        { timeoutMs: 30_000, intervalMs: 50, what: 'varnishd to start' },
      );
    } catch (error) {
      await varnish.stop();
      throw error;
    }
    return varnish;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  logs(): string {
    return this.log.join('');
  }

  /**
   * One of Varnish's own counters (varnishstat), e.g. `MAIN.backend_req`:
   * how many requests this edge sent its origin, for benchmarks.
   */
  counter(name: string): number {
    const out = execFileSync('varnishstat', ['-n', join(this.workdir, 'n'), '-1', '-f', name], { encoding: 'utf8' });
    const value = new RegExp(`^${name.replace(/\./g, '\\.')}\\s+(\\d+)`, 'm').exec(out)?.[1];
    if (value === undefined) throw new Error(`varnishstat has no counter ${name}: ${out.slice(0, 500)}`);
    return Number(value);
  }

  /** Stops varnishd (manager and child) and deletes its working directory. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    everyVarnish.delete(this);
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = once(this.child, 'exit');
      this.signalGroup('SIGTERM');
      const timer = setTimeout(() => this.signalGroup('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.workdir, { recursive: true, force: true });
  }

  /** For the exit hook: nothing asynchronous runs there. */
  killNow(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.signalGroup('SIGKILL');
    rmSync(this.workdir, { recursive: true, force: true });
  }

  private signalGroup(signal: NodeJS.Signals): void {
    try {
      process.kill(-this.child.pid!, signal);
    } catch {
      /* already gone */
    }
  }
}

function originVcl(options: VarnishOptions): string {
  const purgers = (options.purgers ?? ['127.0.0.1']).map((p) => (p.includes('/') ? `"${p.replace('/', '"/')};` : `"${p}";`));
  return [
    'backend origin {',
    '    .host = "127.0.0.1";',
    `    .port = "${options.originPort}";`,
    '    .probe = origin_health;',
    '}',
    'acl purgers {',
    ...purgers.map((p) => `    ${p}`),
    '}',
    '',
  ].join('\n');
}

function findVarnishd(): string {
  for (const candidate of ['/usr/sbin/varnishd', '/usr/local/sbin/varnishd', 'varnishd']) {
    try {
      execFileSync(candidate, ['-V'], { stdio: 'ignore' });
      return candidate;
    } catch {
      /* try the next */
    }
  }
  throw new Error('varnishd not found: the edge-cache tests run a real Varnish; install it with `apt-get install varnish varnish-modules`');
}
