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
