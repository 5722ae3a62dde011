import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { eventually } from './eventually';
import { freePort } from './local-machine';

/** Debian's PostgreSQL binaries: the newest installed major version. */
function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? execFileSync('ls', [root], { encoding: 'utf8' }).split('\n').filter((v) => /^\d+$/.test(v)) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql (Debian: apt-get install -y postgresql)');
  return join(root, newest, 'bin');
}

/** Every pair started in this Jest worker, stopped on exit even when a test throws. */
const everyPair = new Set<PostgresReplicaPair>();
process.once('exit', () => everyPair.forEach((p) => p.killNow()));

/**
 * A throwaway PostgreSQL primary and its streaming replica (made with
 * `pg_basebackup -R` from the primary, as production makes one), each its
 * own cluster in a temporary directory on a free port, trust on loopback.
 * The machine's own PostgreSQL is never touched. As root (CI containers)
 * every server command runs as the postgres user, as PostgreSQL requires.
 */
export class PostgresReplicaPair {
  private stopped = false;

  private constructor(
    readonly primaryPort: number,
    readonly replicaPort: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<PostgresReplicaPair> {
    const dir = mkdtempSync(join(tmpdir(), 'newsroom-pg-pair-'));
    if (process.getuid?.() === 0) chownSync(dir, postgresId('-u'), postgresId('-g'));
    const pair = new PostgresReplicaPair(await freePort(), await freePort(), dir);
    everyPair.add(pair);
    try {
      const bin = postgresBin();
      pair.asPostgres(join(bin, 'initdb'), ['-D', pair.primaryDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
      pair.startServer(pair.primaryDir, pair.primaryPort, 'primary.log');
      pair.asPostgres(join(bin, 'pg_basebackup'), ['-h', '127.0.0.1', '-p', String(pair.primaryPort), '-U', 'postgres', '-D', pair.replicaDir, '-R', '-X', 'stream', '--no-sync']);
      pair.startServer(pair.replicaDir, pair.replicaPort, 'replica.log');
    } catch (error) {
      await pair.stop();
      throw error;
    }
    return pair;
  }

  primaryUrl(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.primaryPort}/${database}`;
  }

  replicaUrl(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.replicaPort}/${database}`;
  }

  /** Runs SQL on the primary (`on: 'replica'`: on the replica). */
  async query<T = Record<string, unknown>>(database: string, sql: string, params: unknown[] = [], on: 'primary' | 'replica' = 'primary'): Promise<T[]> {
    const client = new Client({ connectionString: on === 'primary' ? this.primaryUrl(database) : this.replicaUrl(database) });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** Creates a database on the primary and waits until the replica has it too. */
  async createDatabase(name: string): Promise<void> {
    await this.query('postgres', `create database "${name}"`);
    await eventually(async () => (await this.query('postgres', 'select 1 from pg_database where datname = $1', [name], 'replica')).length === 1, {
      what: 'the replica to replay the new database',
    });
  }

  /** The replica keeps receiving WAL but stops applying it: it falls behind by as much as the primary writes. */
  pauseReplay(): Promise<unknown> {
    return this.query('postgres', 'select pg_wal_replay_pause()', [], 'replica');
  }

  resumeReplay(): Promise<unknown> {
    return this.query('postgres', 'select pg_wal_replay_resume()', [], 'replica');
  }

  /** The replica shut down at once (`immediate`), as when its host dies. */
  stopReplica(): void {
    this.asPostgres(join(postgresBin(), 'pg_ctl'), ['-D', this.replicaDir, '-m', 'immediate', '-w', 'stop']);
  }

  startReplica(): void {
    this.startServer(this.replicaDir, this.replicaPort, 'replica.log');
  }

  /** Stops both servers and deletes their clusters. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    everyPair.delete(this);
    this.killNow();
  }

  /** Synchronous, for the exit hook too. */
  killNow(): void {
    for (const data of [this.replicaDir, this.primaryDir]) {
      if (!existsSync(join(data, 'postmaster.pid'))) continue;
      try {
        this.asPostgres(join(postgresBin(), 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        /* already gone */
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private get primaryDir(): string {
    return join(this.dir, 'primary');
  }

  private get replicaDir(): string {
    return join(this.dir, 'replica');
  }

  private startServer(data: string, port: number, log: string): void {
    // small and fast: a test cluster needs no durability; its socket in our directory, never /var/run
    const options = `-p ${port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c shared_buffers=16MB -c max_connections=60 -c wal_level=replica -c max_wal_senders=4 -c hot_standby=on -c wal_receiver_status_interval=1`;
    this.asPostgres(join(postgresBin(), 'pg_ctl'), ['-D', data, '-l', join(this.dir, log), '-o', options, '-w', '-t', '30', 'start']);
  }

  private asPostgres(command: string, args: string[]): void {
    if (process.getuid?.() !== 0) {
      execFileSync(command, args, { stdio: 'pipe' });
      return;
    }
    const quoted = [command, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', quoted], { stdio: 'pipe', cwd: '/' });
  }
}

function postgresId(flag: '-u' | '-g'): number {
  return Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
}
