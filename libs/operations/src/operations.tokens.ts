/** The app's name in its process metrics (`newsroom_<app>_...`). */
export const OPERATIONS_APP = Symbol('OPERATIONS_APP');
/** Optional: figures of this replica the app adds to /health (the site: its cache's size). */
export const HEALTH_EXTRAS = Symbol('HEALTH_EXTRAS');

export type HealthExtras = () => Record<string, unknown>;
