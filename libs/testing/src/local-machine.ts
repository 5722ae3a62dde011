import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

// Nothing here imports a @newsroom library: Jest's global setup (which starts
// the shared Redis Cluster) loads this outside the module mapper.

/** The repository root: the nearest folder above this file with a package.json (source or built). */
export const ROOT = (() => {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();

/** Which build to run: `dist` unless NEWSROOM_DIST names another (parallel work trees building side by side). */
export const DIST = join(ROOT, process.env.NEWSROOM_DIST ?? 'dist');

/** A free TCP port on loopback, chosen by the OS. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}
