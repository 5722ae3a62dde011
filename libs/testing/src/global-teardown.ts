import { SHARED_PGBOUNCER } from './global-setup';
import type { PgBouncerProcess } from './pgbouncer-process';

/** Jest global teardown of the `e2e` project: stops the PgBouncer its setup started (NEWSROOM_TEST_THROUGH_PGBOUNCER=1). */
export default async function globalTeardown(): Promise<void> {
  const bouncer = (globalThis as Record<symbol, unknown>)[SHARED_PGBOUNCER] as PgBouncerProcess | undefined;
  if (!bouncer) return;
  delete (globalThis as Record<symbol, unknown>)[SHARED_PGBOUNCER];
  delete process.env.TEST_DATABASE_POOLED_URL;
  await bouncer.stop();
}
