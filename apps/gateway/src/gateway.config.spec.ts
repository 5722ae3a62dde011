import { ConfigError, loadConfig } from '@newsroom/config';
import { GatewayConfig } from './gateway.config';

const productionSecrets = {
  NODE_ENV: 'production',
  NEWSROOM_ADMIN_EMAIL: 'redaksi@portal.example',
  NEWSROOM_ADMIN_PASSWORD: 'a-long-admin-password',
  NEWSROOM_JWT_SECRET: 'a-production-signing-secret-0123456789',
  NEWSROOM_VIEW_SALT: 'a-production-view-salt',
};

describe('GatewayConfig', () => {
  it('starts in development on the documented defaults', () => {
    expect(loadConfig(GatewayConfig, {})).toMatchObject({ PORT: 3000, NEWSROOM_ADMIN_EMAIL: 'admin@newsroom.local', NEWSROOM_CLAIM_TTL_SECONDS: 900 });
  });

  it('reads numbers from the environment', () => {
    expect(loadConfig(GatewayConfig, { PORT: '4123', NEWSROOM_CLAIM_TTL_SECONDS: '60' })).toMatchObject({ PORT: 4123, NEWSROOM_CLAIM_TTL_SECONDS: 60 });
  });

  it('starts in production once every development secret is replaced', () => {
    expect(loadConfig(GatewayConfig, productionSecrets).isProduction).toBe(true);
  });

  it.each(['NEWSROOM_ADMIN_PASSWORD', 'NEWSROOM_JWT_SECRET', 'NEWSROOM_VIEW_SALT'])('refuses production on the development %s', (name) => {
    const env: Record<string, string | undefined> = { ...productionSecrets, [name]: undefined };
    expect(() => loadConfig(GatewayConfig, env)).toThrow(ConfigError);
    expect(() => loadConfig(GatewayConfig, env)).toThrow(new RegExp(name.replace('NEWSROOM_ADMIN_PASSWORD', 'NEWSROOM_ADMIN_EMAIL / NEWSROOM_ADMIN_PASSWORD')));
  });

  it('refuses a body limit under the 1 MiB drafts need', () => {
    expect(() => loadConfig(GatewayConfig, { NEWSROOM_BODY_LIMIT_BYTES: '1000' })).toThrow(/NEWSROOM_BODY_LIMIT_BYTES/);
  });
});
