import { JsonBodyRefusal, MAX_BODY_DEPTH, parseJsonBody } from './json-body';

const refusal = (text: string): JsonBodyRefusal => {
  try {
    parseJsonBody(text);
  } catch (error) {
    return error as JsonBodyRefusal;
  }
  throw new Error('not refused');
};

describe('parseJsonBody', () => {
  it('parses an ordinary body', () => {
    expect(parseJsonBody(Buffer.from('{"headline":"Banjir di Jakarta","tags":["banjir"],"n":1}'))).toEqual({ headline: 'Banjir di Jakarta', tags: ['banjir'], n: 1 });
  });

  it('accepts 64 levels and refuses 65 with BODY.TOO_DEEP', () => {
    const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
    expect(parseJsonBody(nested(MAX_BODY_DEPTH))).toBeInstanceOf(Array);
    expect(refusal(nested(MAX_BODY_DEPTH + 1))).toMatchObject({ statusCode: 400, code: 'BODY.TOO_DEEP' });
    expect(refusal(`{"a":${'{"a":'.repeat(70)}1${'}'.repeat(71)}`)).toMatchObject({ code: 'BODY.TOO_DEEP' });
  });

  it('refuses a million open brackets quickly, without a stack overflow', () => {
    const started = Date.now();
    expect(refusal('['.repeat(1_000_000))).toMatchObject({ code: 'BODY.TOO_DEEP' });
    expect(Date.now() - started).toBeLessThan(200);
  });

  it('refuses a NUL character in a value or a key', () => {
    expect(refusal('{"email":"a\\u0000@b.id"}')).toMatchObject({ statusCode: 400, code: 'BODY.NUL_CHARACTER' });
    expect(refusal('{"a\\u0000":"x"}')).toMatchObject({ code: 'BODY.NUL_CHARACTER' });
  });

  it('refuses malformed JSON, an empty body and prototype poisoning with a 400', () => {
    expect(refusal('{"headline": "Tanpa penutup"')).toMatchObject({ statusCode: 400, code: 'MALFORMED_JSON' });
    expect(refusal('{} x')).toMatchObject({ code: 'MALFORMED_JSON' });
    expect(refusal('  ')).toMatchObject({ code: 'EMPTY_JSON_BODY' });
    expect(refusal('{"__proto__":{"admin":true}}')).toMatchObject({ code: 'MALFORMED_JSON' });
    expect(refusal('{"constructor":{"prototype":{"admin":true}}}')).toMatchObject({ code: 'MALFORMED_JSON' });
  });
});
