import { ConfigError, loadConfig } from '@newsroom/config';
import { SiteConfig } from './site.config';

describe('SiteConfig', () => {
  it('starts in development on the documented defaults, passing nothing on unless told where the gateway is', () => {
    expect(loadConfig(SiteConfig, {})).toMatchObject({ PORT: 3000, NEWSROOM_STAFF_UPSTREAM: undefined });
    expect(loadConfig(SiteConfig, { NEWSROOM_STAFF_UPSTREAM: 'http://127.0.0.1:3001' }).NEWSROOM_STAFF_UPSTREAM).toBe('http://127.0.0.1:3001');
    expect(() => loadConfig(SiteConfig, { NEWSROOM_STAFF_UPSTREAM: 'gateway:3001' })).toThrow(/NEWSROOM_STAFF_UPSTREAM/);
  });

  it('starts in production with its own salt, and refuses the development one', () => {
    expect(loadConfig(SiteConfig, { NODE_ENV: 'production', NEWSROOM_VIEW_SALT: 'a-production-view-salt' }).isProduction).toBe(true);
    expect(() => loadConfig(SiteConfig, { NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig(SiteConfig, { NODE_ENV: 'production' })).toThrow(/NEWSROOM_VIEW_SALT: production refuses the development default/);
  });

  it.each([
    ['short-salt-x', /NEWSROOM_VIEW_SALT: production needs at least 16/],
    ['xy'.repeat(12), /NEWSROOM_VIEW_SALT: too weak/],
  ])('refuses production with NEWSROOM_VIEW_SALT = %j, naming it', (value, problem) => {
    expect(() => loadConfig(SiteConfig, { NODE_ENV: 'production', NEWSROOM_VIEW_SALT: value })).toThrow(problem);
  });

  it('has the readers\' cache settings, with their defaults', () => {
    expect(loadConfig(SiteConfig, {})).toMatchObject({
      NEWSROOM_SITE_CACHE_MAX_BYTES: 64 * 1024 * 1024,
      NEWSROOM_SITE_CACHE_TTL_SECONDS: 60,
      NEWSROOM_SITE_CHANGE_GRACE_MS: 1000,
      NEWSROOM_SITE_SIDE_LISTS_SECONDS: 5,
      NEWSROOM_SITE_NOT_FOUND_TTL_SECONDS: 5,
      NEWSROOM_SITE_COUNTS_TTL_MS: 500,
      NEWSROOM_PAGE_MAX_AGE_SECONDS: 5,
      NEWSROOM_EDGE_MAX_AGE_SECONDS: 60,
      NEWSROOM_STALE_WHILE_REVALIDATE_SECONDS: 30,
      NEWSROOM_STALE_IF_ERROR_SECONDS: 86_400,
    });
  });

  it.each([
    ['NEWSROOM_SITE_COUNTS_TTL_MS', '1500'], // counts must reach readers within 2 s
    ['NEWSROOM_SITE_CACHE_MAX_BYTES', '-1'],
    ['NEWSROOM_SITE_CACHE_TTL_SECONDS', '0'],
    ['NEWSROOM_SITE_SIDE_LISTS_SECONDS', 'abc'],
    ['NEWSROOM_EDGE_MAX_AGE_SECONDS', '-5'],
  ])('refuses %s = %s, naming it', (name, value) => {
    expect(() => loadConfig(SiteConfig, { [name]: value })).toThrow(new RegExp(name));
  });
});
