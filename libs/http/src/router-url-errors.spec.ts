import type { FastifyError } from 'fastify';
import type { ServerResponse } from 'node:http';
import { routerUrlError } from './router-url-errors';

function answer(code: string, url: string) {
  const written: { status?: number; headers?: Record<string, unknown>; body?: string } = {};
  const raw = {
    writeHead: (status: number, headers: Record<string, unknown>) => Object.assign(written, { status, headers }),
    end: (body: string) => Object.assign(written, { body }),
  } as unknown as ServerResponse;
  routerUrlError(Object.assign(new Error(`'${url}' is not routable`), { code }) as FastifyError, undefined, { raw });
  return { ...written, json: JSON.parse(written.body!) };
}

describe('the router\'s refusals of a URL', () => {
  it('answers a malformed percent-encoding with the contract\'s 400', () => {
    const { status, json, headers } = answer('FST_ERR_BAD_URL', '/berita/%c0%ae');
    expect(status).toBe(400);
    expect(headers!['content-type']).toBe('application/json; charset=utf-8');
    expect(json).toEqual({ statusCode: 400, error: 'Bad Request', message: 'the URL has a malformed percent-encoding', code: 'URL.MALFORMED' });
  });

  it('answers an overlong path segment with a 414 named as such, without the 10 kB URL', () => {
    const url = `/berita/${'a'.repeat(10_240)}`;
    const { status, json, body } = answer('FST_ERR_MAX_PARAM_LENGTH', url);
    expect(status).toBe(414);
    expect(json).toEqual(expect.objectContaining({ statusCode: 414, error: 'URI Too Long', code: 'URL.SEGMENT_TOO_LONG' }));
    expect(body!.length).toBeLessThan(200);
  });
});
