import { resetDatabase } from './database-reset';
import { createStaff, ensureRubric, Staff } from './factories';
import { ApiClient } from './http-client';
import { NewsroomProcesses } from './newsroom-processes';

/**
 * What a view-counting suite starts from: a fresh database, the gateway and the
 * views service, the rubric `dunia` and a reporter to write articles as. Every
 * test client is 127.0.0.1, so the per-address visitor cap (views-flood's
 * subject) is set out of reach; `env` adds to the apps' environment.
 */
export async function startViewCounting(env: Record<string, string> = {}): Promise<{ newsroom: NewsroomProcesses; admin: ApiClient; reporter: Staff }> {
  await resetDatabase();
  const newsroom = await NewsroomProcesses.start({ apps: ['gateway', 'views'], env: { NEWSROOM_VIEW_MAX_VISITORS_PER_CLIENT: '100000000', ...env } });
  const admin = await newsroom.adminClient();
  await ensureRubric(admin, 'dunia', 'Dunia');
  const reporter = await createStaff(admin, ['reporter'], 'Hani Fatunnisa');
  return { newsroom, admin, reporter };
}
