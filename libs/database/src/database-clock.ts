import { EntityManager } from '@mikro-orm/postgresql';

/**
 * The database's clock. Whether something is due, in the past or under embargo
 * is decided by this one clock, never by whichever process happens to ask, so
 * replicas with skewed clocks still agree.
 */
export async function databaseNow(em: EntityManager): Promise<Date> {
  const [row] = await em.getConnection().execute<{ now: Date }[]>('select now() as now');
  return new Date(row.now);
}
