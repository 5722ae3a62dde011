import { LauncherConfig } from './launcher.config';

/** What a newcomer needs once everything is up: where, how to log in, how to stop. */
export function banner(config: LauncherConfig): string {
  const url = config.gatewayUrl;
  const login = `${config.NEWSROOM_ADMIN_EMAIL} / ${config.usesDevAdmin ? config.NEWSROOM_ADMIN_PASSWORD : '(NEWSROOM_ADMIN_PASSWORD)'}`;
  const lines = [
    `The newsroom is running at ${url}`,
    `  API docs:    ${url}/docs`,
    `  Health:      ${url}/health`,
    `  Admin login: ${login}${config.usesDevAdmin ? '  (development defaults; set NEWSROOM_ADMIN_EMAIL / NEWSROOM_ADMIN_PASSWORD to change)' : ''}`,
    '  Stop:        Ctrl-C (stops all six apps)',
  ];
  const width = Math.max(...lines.map((l) => l.length));
  const rule = '='.repeat(width);
  return ['', rule, ...lines, rule, ''].join('\n');
}
