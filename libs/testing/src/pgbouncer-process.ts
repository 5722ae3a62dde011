import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from './eventually';
import { freePort } from './local-machine';

export interface PgBouncerOptions {
  /** The PostgreSQL server behind it (host, port and user are taken; every database is served). */
  serverUrl: string;
  /** Listen on this port instead of a free one: a pooler restarted where the apps already point. */
  port?: number;
  /** Server connections per database and user; small, as in production, so the pool is really shared. */
  poolSize?: number;
}

/** Every pgbouncer started in this Jest worker, killed on exit even when a test throws. */
const everyPgBouncer = new Set<PgBouncerProcess>();
process.once('exit', () => everyPgBouncer.forEach((p) => p.killNow()));

/**
 * A real PgBouncer (Debian's package) in transaction mode in front of the
 * test PostgreSQL, on a free port, with its ini, log and pid file in a
 * temporary directory of its own: what production's pooled DATABASE_URL
 * points at. Transaction mode hands a server connection to a client for one
 * transaction only, so anything that needs a session breaks through it.
 */
export class PgBouncerProcess {
  private readonly log: string[] = [];
  private child?: ChildProcess;
  private stopped = false;

  private constructor(
    readonly port: number,
    private readonly workdir: string,
  ) {}

  static async start(options: PgBouncerOptions): Promise<PgBouncerProcess> {
    const port = options.port ?? (await freePort());
    const workdir = mkdtempSync(join(tmpdir(), 'newsroom-pgbouncer-'));
    const server = new URL(options.serverUrl);
    const user = decodeURIComponent(server.username || 'postgres');
    writeFileSync(join(workdir, 'userlist.txt'), `"${user}" ""\n`);
    writeFileSync(
      join(workdir, 'pgbouncer.ini'),
      [
        '[databases]',
        // every database of the server, under its own name
        `* = host=${server.hostname} port=${server.port || 5432}`,
        '[pgbouncer]',
        'listen_addr = 127.0.0.1',
        `listen_port = ${port}`,
        'unix_socket_dir =',
        // the test server trusts local connections; the user must still be listed
        'auth_type = trust',
        `auth_file = ${join(workdir, 'userlist.txt')}`,
        'pool_mode = transaction',
        `default_pool_size = ${options.poolSize ?? 10}`,
        'max_client_conn = 1000',
        `logfile = ${join(workdir, 'pgbouncer.log')}`,
        `pidfile = ${join(workdir, 'pgbouncer.pid')}`,
        // a restarted test pooler must come back on the same port at once
        'so_reuseport = 1',
        '',
      ].join('\n'),
    );
    const bouncer = new PgBouncerProcess(port, workdir);
    everyPgBouncer.add(bouncer);
    try {
      await bouncer.run();
    } catch (error) {
      await bouncer.stop();
      throw error;
    }
    return bouncer;
  }

  /** A URL to `database` through this pooler, with the server URL's user. */
  url(database: string, user = 'postgres'): string {
    return `postgres://${encodeURIComponent(user)}@127.0.0.1:${this.port}/${encodeURIComponent(database)}`;
  }

  logs(): string {
    return this.log.join('');
  }

  /**
   * Stops PgBouncer at once (SIGINT: every client and server connection is
   * cut, as when it is restarted or its host dies) and starts it again on the
   * same port with the same settings.
   */
  async restart(options: { downMs?: number } = {}): Promise<void> {
    await this.halt();
    if (options.downMs) await new Promise((resolve) => setTimeout(resolve, options.downMs));
    await this.run();
  }

  /** Stops pgbouncer and deletes its directory. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    everyPgBouncer.delete(this);
    await this.halt();
    rmSync(this.workdir, { recursive: true, force: true });
  }

  /** For the exit hook: nothing asynchronous runs there. */
  killNow(): void {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    rmSync(this.workdir, { recursive: true, force: true });
  }

  private async run(): Promise<void> {
    const args = [join(this.workdir, 'pgbouncer.ini')];
    // PgBouncer refuses to run as root: as root (CI containers), it runs as the postgres user
    if (process.getuid?.() === 0) {
      const [uid, gid] = [postgresId('-u'), postgresId('-g')];
      chownSync(this.workdir, uid, gid);
      for (const file of ['pgbouncer.ini', 'userlist.txt', 'pgbouncer.log']) {
        if (existsSync(join(this.workdir, file))) chownSync(join(this.workdir, file), uid, gid);
      }
      args.unshift('-u', 'postgres');
    }
    const started = this.log.length;
    const child = spawn(findPgBouncer(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout!.on('data', (chunk: Buffer) => this.log.push(chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => this.log.push(chunk.toString()));
    await eventually(
      () => {
        if (child.exitCode !== null) throw new Error(`pgbouncer exited with ${child.exitCode}: ${this.logs().slice(-3000)}`);
        return /process up|listening on 127\.0\.0\.1/.test(this.log.slice(started).join(''));
      },
      { timeoutMs: 15_000, intervalMs: 50, what: 'pgbouncer to start' },
    );
  }

  private async halt(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

function postgresId(flag: '-u' | '-g'): number {
  return Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
}

function findPgBouncer(): string {
  for (const path of ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer']) if (existsSync(path)) return path;
  throw new Error('pgbouncer is not installed (Debian: apt-get install -y pgbouncer)');
}
