import { keySlot } from './key-slot';

describe('keySlot', () => {
  it("agrees with Redis Cluster's own slots", () => {
    // CLUSTER KEYSLOT on a real cluster gives these
    expect(keySlot('123456789')).toBe(12739);
    expect(keySlot('foo')).toBe(12182);
    expect(keySlot('bar')).toBe(5061);
  });

  it('hashes only the first non-empty hash tag', () => {
    expect(keySlot('{user1000}.following')).toBe(keySlot('user1000'));
    expect(keySlot('{newsroom}:views:pending')).toBe(keySlot('{newsroom}:auth:revoked-token:x'));
    // an empty first tag: the whole key is hashed
    expect(keySlot('foo{}{bar}')).not.toBe(keySlot('bar'));
    expect(keySlot('foo{{bar}}zap')).toBe(keySlot('{bar'));
  });
});
