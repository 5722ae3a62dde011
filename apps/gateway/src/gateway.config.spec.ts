import { ConfigError, loadConfig } from '@newsroom/config';
import { GatewayConfig } from './gateway.config';

const productionSecrets = {
  NODE_ENV: 'production',
  NEWSROOM_ADMIN_EMAIL: 'redaksi@portal.example',
  NEWSROOM_ADMIN_PASSWORD: 'a-long-admin-password',
  NEWSROOM_JWT_SECRET: 'a-production-signing-secret-0123456789',
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

  it.each(['NEWSROOM_ADMIN_PASSWORD', 'NEWSROOM_JWT_SECRET'])('refuses production on the development %s', (name) => {
    const env: Record<string, string | undefined> = { ...productionSecrets, [name]: undefined };
    expect(() => loadConfig(GatewayConfig, env)).toThrow(ConfigError);
    expect(() => loadConfig(GatewayConfig, env)).toThrow(new RegExp(name.replace('NEWSROOM_ADMIN_PASSWORD', 'NEWSROOM_ADMIN_EMAIL / NEWSROOM_ADMIN_PASSWORD')));
  });

  it.each([
    ['NEWSROOM_JWT_SECRET', 'a'.repeat(16), /NEWSROOM_JWT_SECRET: production needs at least 32/],
    ['NEWSROOM_JWT_SECRET', 'a'.repeat(48), /NEWSROOM_JWT_SECRET: too weak/],
    ['NEWSROOM_JWT_SECRET', 'abcabcabcabcabcabcabcabcabcabcabcabc', /NEWSROOM_JWT_SECRET: too weak/],
    ['NEWSROOM_JWT_SECRET', 'dev-only-newsroom-secret-change-me', /NEWSROOM_JWT_SECRET: production refuses the published/],
    ['NEWSROOM_ADMIN_PASSWORD', 'seven77', /NEWSROOM_ADMIN_PASSWORD: must be at least 8 characters/],
    ['NEWSROOM_ADMIN_PASSWORD', 'p'.repeat(201), /NEWSROOM_ADMIN_PASSWORD: must be at most 200 characters/],
  ])('refuses production with %s = %j, naming it', (name, value, problem) => {
    expect(() => loadConfig(GatewayConfig, { ...productionSecrets, [name]: value })).toThrow(problem);
  });

  it('leaves the JWT secret unset outside production (the gateway then makes a random one per process)', () => {
    expect(loadConfig(GatewayConfig, {}).NEWSROOM_JWT_SECRET).toBeUndefined();
    expect(loadConfig(GatewayConfig, { NODE_ENV: 'test' }).NEWSROOM_JWT_SECRET).toBeUndefined();
  });

  it('refuses a body limit under the 1 MiB drafts need', () => {
    expect(() => loadConfig(GatewayConfig, { NEWSROOM_BODY_LIMIT_BYTES: '1000' })).toThrow(/NEWSROOM_BODY_LIMIT_BYTES/);
  });
});
