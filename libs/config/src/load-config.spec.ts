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

  it('makes every connection a cluster client only with REDIS_CLUSTER_NODES, and checks its entries', () => {
    expect(loadConfig(BaseConfig, {}).REDIS_CLUSTER_NODES).toBeUndefined();
    expect(loadConfig(BaseConfig, { REDIS_CLUSTER_NODES: '10.0.0.1:7000,redis-b:7001' }).REDIS_CLUSTER_NODES).toBe('10.0.0.1:7000,redis-b:7001');
    expect(() => loadConfig(BaseConfig, { REDIS_CLUSTER_NODES: '10.0.0.1:7000,10.0.0.2' })).toThrow(/REDIS_CLUSTER_NODES: "10.0.0.2" is not host:port/);
    expect(() => loadConfig(BaseConfig, { REDIS_CLUSTER_NODES: '10.0.0.1:99999' })).toThrow(/is not host:port/);
  });

  it('refuses a database index other than 0 on a cluster, which has no other', () => {
    expect(() => loadConfig(BaseConfig, { REDIS_CLUSTER_NODES: '10.0.0.1:7000', REDIS_URL: 'redis://:pw@x:6379/2' })).toThrow(/database 0 only.*database 2/);
    expect(loadConfig(BaseConfig, { REDIS_CLUSTER_NODES: '10.0.0.1:7000', REDIS_URL: 'redis://:pw@x:6379/0' }).REDIS_CLUSTER_NODES).toBe('10.0.0.1:7000');
  });

  it('counts views in one shard on a single node and twelve on a cluster, unless told', () => {
    expect(loadConfig(BaseConfig, {}).viewShards).toBe(1);
    expect(loadConfig(BaseConfig, { REDIS_CLUSTER_NODES: '10.0.0.1:7000' }).viewShards).toBe(12);
    expect(loadConfig(BaseConfig, { REDIS_CLUSTER_NODES: '10.0.0.1:7000', NEWSROOM_VIEW_SHARDS: '6' }).viewShards).toBe(6);
    expect(() => loadConfig(BaseConfig, { NEWSROOM_VIEW_SHARDS: '0' })).toThrow(/NEWSROOM_VIEW_SHARDS/);
    expect(() => loadConfig(BaseConfig, { NEWSROOM_REDIS_WAIT_REPLICAS: '-1' })).toThrow(/NEWSROOM_REDIS_WAIT_REPLICAS/);
  });
});
