import Ajv from 'ajv';
import fc from 'fast-check';
import { jsonOperations, OpenApiDocument, requestsFor } from './openapi-fuzz';

const doc: OpenApiDocument = {
  paths: {
    '/drafts/{id}/submit': {
      post: {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Submit' } } } },
        responses: { '200': { content: { 'application/json': {} } } },
      },
    },
    '/articles/search': {
      get: {
        parameters: [
          { name: 'q', in: 'query', required: true, schema: { type: 'string', minLength: 1, maxLength: 20 } },
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 50 } },
        ],
        responses: { '200': { content: { 'application/json': {} } } },
      },
    },
    '/berita/{slug}': { get: { responses: { '200': { content: { 'text/html': {} } } } } },
    '/drafts/{id}/preview-links/{linkId}': { delete: { responses: { '204': {} } } },
  },
  components: {
    schemas: {
      Submit: {
        type: 'object',
        additionalProperties: false,
        properties: { version: { type: 'integer', minimum: 1, maximum: 9 }, note: { type: 'string', maxLength: 5, nullable: true } },
        required: ['version'],
      },
    },
  },
};

describe('jsonOperations', () => {
  it('takes the operations that take or give JSON, or answer nothing, with their parameters; not pages', () => {
    const operations = jsonOperations(doc);
    expect(operations.map((o) => `${o.method} ${o.path}`)).toEqual(['POST /drafts/{id}/submit', 'GET /articles/search', 'DELETE /drafts/{id}/preview-links/{linkId}']);
    expect(operations[1].query.map((q) => [q.name, q.required])).toEqual([
      ['q', true],
      ['limit', false],
    ]);
  });
});

describe('requestsFor', () => {
  const [submit, search] = jsonOperations(doc);
  const valid = new Ajv({ strict: false }).compile({ $ref: '#/components/schemas/Submit', components: doc.components });

  it('makes valid cases the schema accepts, and bent ones it does not', () => {
    const cases = fc.sample(requestsFor(submit, doc, { id: ['a1'] }), { numRuns: 300, seed: 7 });
    const kinds = new Set(cases.map((c) => c.kind.split(':')[0]));
    expect([...kinds].sort()).toEqual(['any-json', 'bent', 'raw', 'valid']);
    for (const c of cases.filter((c) => c.kind === 'valid')) {
      expect([c.body, valid(JSON.parse(c.body!))]).toEqual([c.body, true]);
      expect(c.url).toMatch(/^\/drafts\/[^/]+\/submit$/);
    }
    // the known id is used, and so are others
    expect(cases.some((c) => c.url === '/drafts/a1/submit')).toBe(true);
    expect(cases.some((c) => c.url !== '/drafts/a1/submit')).toBe(true);
  });

  it('always sends a required query parameter in a valid case, within its schema', () => {
    for (const c of fc.sample(requestsFor(search, doc), { numRuns: 200, seed: 7 }).filter((c) => c.kind === 'valid')) {
      const query = new URLSearchParams(c.url.split('?')[1]);
      expect(query.get('q')?.length).toBeGreaterThanOrEqual(1);
      const limit = query.get('limit');
      if (limit !== null) expect(Number.isInteger(Number(limit)) && Number(limit) >= 1 && Number(limit) <= 50).toBe(true);
    }
  });

  it('replays the same cases from the same seed', () => {
    const run = () => fc.sample(requestsFor(submit, doc, { id: ['a1'] }), { numRuns: 20, seed: 42 });
    expect(run()).toEqual(run());
  });
});
