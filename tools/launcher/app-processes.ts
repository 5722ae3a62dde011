import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { label, pipeLabelled } from './labelled-output';

export const APPS = ['site', 'gateway', 'drafts', 'review', 'publisher', 'views'] as const;
export type AppName = (typeof APPS)[number];

/** The build this launcher belongs to (dist/ or a parallel dist-*), found from its own location. */
const BUILD_DIR = join(__dirname, '..', '..');
const REPO_ROOT = join(BUILD_DIR, '..');
const STOP_GRACE_MS = 10_000;

export function appEntry(app: AppName): string {
  return join(BUILD_DIR, 'apps', app, 'src', 'main.js');
}

/** Names the apps whose build is missing (relative to the repository), before we start half a newsroom. */
export function missingBuilds(): string[] {
  return APPS.filter((app) => !existsSync(appEntry(app))).map((app) => relative(REPO_ROOT, appEntry(app)));
}

/**
 * The six apps as child processes with labelled output. They run in their own
 * process groups so a terminal's Ctrl-C reaches only the launcher, which then
 * stops them itself: one SIGTERM each, a SIGKILL deadline, and no race in which
 * a child that saw Ctrl-C first looks like a crash.
 */
export class AppProcesses {
  private readonly children = new Map<AppName, ChildProcess>();
  private stopping = false;

  constructor(
    private readonly onUnexpectedExit: (app: AppName, how: string) => void,
    /** variables one app gets on top of the launcher's environment (the two HTTP apps' ports and their link) */
    private readonly envOf: (app: AppName) => Record<string, string> = () => ({}),
  ) {
    // last resort if the launcher itself dies: no orphans holding the port
    process.once('exit', () => this.children.forEach((child) => child.kill('SIGKILL')));
  }

  startAll(): void {
    APPS.forEach((app, index) => this.start(app, index));
  }

  private start(app: AppName, index: number): void {
    const child = spawn(process.execPath, [appEntry(app)], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...this.envOf(app) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.children.set(app, child);
    const prefix = label(app, index);
    pipeLabelled(child.stdout!, prefix);
    pipeLabelled(child.stderr!, prefix);
    child.once('exit', (code, signal) => {
      this.children.delete(app);
      if (!this.stopping) this.onUnexpectedExit(app, signal ? `signal ${signal}` : `exit code ${code}`);
    });
  }

  /** SIGTERM to every child; SIGKILL for any still running after the grace period. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.children.values()].map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        await exited;
        clearTimeout(timer);
      }),
    );
  }
}
