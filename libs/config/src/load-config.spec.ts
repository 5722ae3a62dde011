import { BaseConfig } from './base.config';
import { ConfigError, loadConfig } from './load-config';

describe('loadConfig', () => {
  it('uses the defaults of the contract when nothing is set', () => {
    const config = loadConfig(BaseConfig, {});
    expect(config).toMatchObject({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/newsroom',
      REDIS_URL: 'redis://127.0.0.1:6379',
      NEWSROOM_TZ: 'Asia/Jakarta',
      NEWSROOM_REDIS_PREFIX: 'newsroom',
    });
  });

  it('names every bad variable at once', () => {
    try {
      loadConfig(BaseConfig, { DATABASE_URL: 'mysql://x', NEWSROOM_TZ: 'Asia/Bandung', LOG_LEVEL: 'loud' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      for (const name of ['DATABASE_URL', 'NEWSROOM_TZ', 'LOG_LEVEL']) expect(message).toContain(name);
    }
  });

  it('sends migrations to DATABASE_DIRECT_URL when set (a pooler in DATABASE_URL), else to DATABASE_URL', () => {
    expect(loadConfig(BaseConfig, { DATABASE_URL: 'postgres://p@127.0.0.1:6432/n' }).directDatabaseUrl).toBe('postgres://p@127.0.0.1:6432/n');
    const pooled = loadConfig(BaseConfig, { DATABASE_URL: 'postgres://p@127.0.0.1:6432/n', DATABASE_DIRECT_URL: 'postgres://p@127.0.0.1:5432/n' });
    expect(pooled.directDatabaseUrl).toBe('postgres://p@127.0.0.1:5432/n');
    expect(() => loadConfig(BaseConfig, { DATABASE_DIRECT_URL: 'mysql://x' })).toThrow(/DATABASE_DIRECT_URL/);
  });

  it('reads DATABASE_REPLICA_URLS as a list of postgres URLs, none by default', () => {
    expect(loadConfig(BaseConfig, {}).replicaUrls).toEqual([]);
    expect(loadConfig(BaseConfig, { DATABASE_REPLICA_URLS: 'postgres://r1:5432/n, postgresql://r2:5432/n' }).replicaUrls).toEqual(['postgres://r1:5432/n', 'postgresql://r2:5432/n']);
    for (const bad of ['postgres://r1/n,', 'redis://r1', 'postgres://r1/n,,postgres://r2/n']) {
      expect(() => loadConfig(BaseConfig, { DATABASE_REPLICA_URLS: bad })).toThrow(/DATABASE_REPLICA_URLS/);
    }
    expect(() => loadConfig(BaseConfig, { DATABASE_REPLICA_MAX_LAG_MS: '5' })).toThrow(/DATABASE_REPLICA_MAX_LAG_MS/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig(BaseConfig, { NEWSROOM_TZ: '' }).NEWSROOM_TZ).toBe('Asia/Jakarta');
  });

  it('leaves the edge purge off unless NEWSROOM_EDGE_PURGE_URL names an http(s) address', () => {
    expect(loadConfig(BaseConfig, {}).NEWSROOM_EDGE_PURGE_URL).toBeUndefined();
    expect(loadConfig(BaseConfig, { NEWSROOM_EDGE_PURGE_URL: '' }).NEWSROOM_EDGE_PURGE_URL).toBeUndefined();
    expect(loadConfig(BaseConfig, { NEWSROOM_EDGE_PURGE_URL: 'http://127.0.0.1:6081/' }).NEWSROOM_EDGE_PURGE_URL).toBe('http://127.0.0.1:6081/');
    for (const bad of ['127.0.0.1:6081', 'ftp://edge/', 'http://edge/?x=1']) {
      expect(() => loadConfig(BaseConfig, { NEWSROOM_EDGE_PURGE_URL: bad })).toThrow(/NEWSROOM_EDGE_PURGE_URL/);
    }
  });
});
