import { appKeyPrefix, deploymentChannel, queuePrefix, redisOptionsFromUrl } from './redis-connection';

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

describe('key prefixes', () => {
  it('wraps prefixes in braces so Redis Cluster keeps related keys in one slot', () => {
    expect(appKeyPrefix('newsroom')).toBe('{newsroom}:');
    expect(queuePrefix('newsroom')).toBe('{newsroom-queues}');
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
