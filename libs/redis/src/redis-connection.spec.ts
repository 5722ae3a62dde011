import { deploymentChannel, parseClusterNodes, redisOptionsFromUrl, redisTarget } from './redis-connection';

describe('redisOptionsFromUrl', () => {
  it('honours the /N database index, credentials and TLS', () => {
    expect(redisOptionsFromUrl('rediss://user:p%40ss@cache.internal:6380/3')).toMatchObject({
      host: 'cache.internal',
      port: 6380,
      username: 'user',
      password: 'p@ss',
      db: 3,
      tls: {},
    });
  });

  it('defaults to database 0 on 6379', () => {
    expect(redisOptionsFromUrl('redis://127.0.0.1')).toMatchObject({ host: '127.0.0.1', port: 6379, db: 0, tls: undefined });
  });

  it('refuses a database index that is not a number', () => {
    expect(() => redisOptionsFromUrl('redis://127.0.0.1:6379/x')).toThrow(/database index/);
  });
});

describe('REDIS_CLUSTER_NODES', () => {
  it('reads host:port seed nodes, IPv6 in brackets', () => {
    expect(parseClusterNodes('10.0.0.1:7000, redis-a.internal:7001,[::1]:7002')).toEqual([
      { host: '10.0.0.1', port: 7000 },
      { host: 'redis-a.internal', port: 7001 },
      { host: '::1', port: 7002 },
    ]);
  });

  it('names the entry that is not host:port', () => {
    expect(() => parseClusterNodes('10.0.0.1:7000,10.0.0.2')).toThrow(/"10.0.0.2" is not host:port/);
    expect(() => parseClusterNodes('10.0.0.1:70000')).toThrow(/is not host:port/);
  });

  it('makes a cluster target only when set', () => {
    expect(redisTarget({ REDIS_URL: 'redis://:pw@127.0.0.1:6379' })).toEqual({ url: 'redis://:pw@127.0.0.1:6379' });
    expect(redisTarget({ REDIS_URL: 'redis://:pw@x/', REDIS_CLUSTER_NODES: '127.0.0.1:7000' }).clusterNodes).toEqual([{ host: '127.0.0.1', port: 7000 }]);
  });
});

describe('pub/sub channels', () => {
  it('differ between deployments on one Redis that differ only by database index, or only by prefix', () => {
    const channels = new Set([
      deploymentChannel('newsroom', 0, 'review-queue-changes'),
      deploymentChannel('newsroom', 1, 'review-queue-changes'),
      deploymentChannel('portal-b', 0, 'review-queue-changes'),
    ]);
    expect(channels.size).toBe(3);
    expect(deploymentChannel('newsroom', 2, 'review-queue-changes')).toBe('{newsroom}:db2:review-queue-changes');
  });
});
