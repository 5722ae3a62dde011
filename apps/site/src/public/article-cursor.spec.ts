import { encodeCursor, parseBefore } from './article-cursor';

describe('the UPDATE list cursor', () => {
  const id = '0b0f7c5e-4c1e-4d8e-9a51-3f1f2d7c9a10';

  it('round-trips a position, microseconds and all', () => {
    const cursor = encodeCursor('1733391480123456', id);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(parseBefore(cursor, 'Asia/Jakarta')).toEqual({ publishedAtMicros: '1733391480123456', id });
  });

  it('also takes a time, with an offset or in the newsroom zone', () => {
    expect(parseBefore('2024-12-05T09:38:00Z', 'Asia/Jakarta')).toEqual({ before: new Date('2024-12-05T09:38:00Z') });
    expect(parseBefore('2024-12-05 16:38', 'Asia/Jakarta')).toEqual({ before: new Date('2024-12-05T09:38:00Z') });
  });

  it('refuses anything else with a 400', () => {
    for (const bad of ['yesterday', '', Buffer.from('123_not-a-uuid').toString('base64url'), '2024-13-45T00:00:00Z']) {
      expect(() => parseBefore(bad, 'Asia/Jakarta')).toThrow(expect.objectContaining({ kind: 'invalid', code: 'LIST.BAD_CURSOR' }));
    }
  });

  it('refuses a position beyond the year 9999 or a number no bigint holds, and a time outside 1970..9999', () => {
    for (const micros of ['99999999999999999999', '253402300800000000']) {
      expect(() => parseBefore(encodeCursor(micros, id), 'Asia/Jakarta')).toThrow(expect.objectContaining({ kind: 'invalid', code: 'LIST.BAD_CURSOR' }));
    }
    expect(parseBefore(encodeCursor('253402300799999999', id), 'Asia/Jakarta')).toEqual({ publishedAtMicros: '253402300799999999', id });
    expect(() => parseBefore('0000-01-01T00:00:00Z', 'Asia/Jakarta')).toThrow(expect.objectContaining({ kind: 'invalid', code: 'TIME.OUT_OF_RANGE' }));
  });
});
