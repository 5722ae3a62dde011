import { minuteBucket } from '@newsroom/contracts';
import { hourBucket, parsePendingField } from './shard-keys';

describe('view counter keys', () => {
  const id = '0b0f7c5e-4c1e-4d8e-9a51-3f1f2d7c9a10';

  it('counts a view in the hour it happened, in UTC epoch seconds', () => {
    expect(hourBucket(new Date('2024-12-05T09:38:12.345Z'))).toBe(Date.parse('2024-12-05T09:00:00Z') / 1000);
    expect(hourBucket(new Date('2024-12-05T09:00:00.000Z'))).toBe(Date.parse('2024-12-05T09:00:00Z') / 1000);
    expect(hourBucket(new Date('2024-12-05T08:59:59.999Z'))).toBe(Date.parse('2024-12-05T08:00:00Z') / 1000);
  });

  it('counts a view in the minute it happened too, in UTC epoch seconds', () => {
    expect(minuteBucket(new Date('2024-12-05T09:38:12.345Z'))).toBe(Date.parse('2024-12-05T09:38:00Z') / 1000);
    expect(minuteBucket(new Date('2024-12-05T09:38:59.999Z'))).toBe(Date.parse('2024-12-05T09:38:00Z') / 1000);
    expect(minuteBucket(new Date('2024-12-05T09:00:00.000Z'))).toBe(hourBucket(new Date('2024-12-05T09:00:00.000Z')));
  });

  it('reads back a pending counter field as the counting script writes it', () => {
    const hour = hourBucket(new Date('2024-12-05T09:38:00Z'));
    expect(parsePendingField(`${hour}|${id}`)).toEqual({ hour, articleId: id });
  });

  it('refuses fields it never writes, so one bad field cannot block every flush', () => {
    for (const bad of ['', 'x|y', `${id}`, `1733389200|not-a-uuid`, `1733389201|${id}`, `1733389200|${id}|extra`]) {
      expect(parsePendingField(bad)).toBeNull();
    }
  });
});
