import { ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { DIST, freePort } from '@newsroom/testing';

/** Every server forked by this benchmark, killed when it exits, even after a failure. */
const everyServer = new Set<ChildProcess>();
process.once('exit', () => everyServer.forEach((s) => s.kill('SIGKILL')));

/**
 * A baseline server (a built script under dist/bench, port in argv[2]) in a
 * process of its own, so it does not share an event loop with the load
 * generator; resolves once it says it listens.
 */
export async function startForkedServer(script: string, args: string[] = []): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = fork(join(DIST, 'bench', script), [String(port), ...args], { stdio: 'inherit' });
  everyServer.add(child);
  child.once('exit', () => everyServer.delete(child));
  const [exited] = await Promise.race([once(child, 'message').then(() => [false]), once(child, 'exit').then(() => [true])]);
  if (exited) throw new Error(`${script} exited before listening`);
  return { url: `http://127.0.0.1:${port}`, child };
}
