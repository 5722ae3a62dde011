import fc from 'fast-check';
import { JSONSchemaFaker } from 'json-schema-faker';

/**
 * Schema-driven fuzzing of an OpenAPI document: fast-check drives the run
 * (seeded, a bounded number of cases, shrinking, replay by seed) and
 * json-schema-faker draws the requests the document says are valid, which
 * the cases then send as they are, bent (a field dropped, retyped or added),
 * or replace with any JSON or raw text. Valid requests get past validation
 * into the services and the database, where the bugs a schema cannot see
 * live; bent ones test that validation refuses what the document forbids.
 */

type Schema = Record<string, unknown>;

interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
  $ref?: string;
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: Record<string, unknown>;
}

export interface FuzzOperation {
  method: string;
  /** as in the document: `/articles/{id}/publish` */
  path: string;
  pathParams: { name: string; schema: Schema }[];
  query: { name: string; schema: Schema; required: boolean }[];
  /** the JSON body's schema, when the operation takes one */
  body?: Schema;
}

export interface FuzzRequest {
  method: string;
  /** the path with its parameters filled in, and the query */
  url: string;
  /** the raw body sent as application/json (not always JSON), if any */
  body?: string;
  /** how the case was made, for the report: valid, bent, any-json, raw */
  kind: string;
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/** The document's operations that take or give JSON, or answer nothing but refuse in JSON: the ones a JSON fuzz run can speak to. */
export function jsonOperations(doc: OpenApiDocument): FuzzOperation[] {
  const operations: FuzzOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const body = operation.requestBody?.content?.['application/json']?.schema;
      // pages and feeds answer HTML or XML: not this run's; an operation that answers nothing (a 204) is, its refusals are JSON
      const contents = Object.values(operation.responses ?? {}).flatMap((r) => Object.keys(r.content ?? {}));
      if (!body && contents.length > 0 && !contents.includes('application/json')) continue;
      const parameters = (operation.parameters ?? []).filter((p) => !p.$ref);
      operations.push({
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema ?? { type: 'string' } })),
        query: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? { type: 'string' }, required: p.required === true })),
        body,
      });
    }
  }
  return operations;
}

/**
 * Values no schema allows and every parser meets sooner or later: NUL (which
 * PostgreSQL refuses in text), a lone surrogate, huge numbers, long strings,
 * markup, paths and addresses, impossible dates, and empty containers.
 */
export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    '',
    '\u0000',
    'a\u0000b',
    '\ud800',
    ' ',
    'x'.repeat(70_000),
    -1,
    0,
    1e308,
    -1e308,
    2 ** 53 + 1,
    1.5,
    true,
    '<script>alert(1)</script>',
    ']]>',
    '../../etc/passwd',
    'http://169.254.169.254/latest/meta-data/',
    '0000-00-00T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '2024-02-30T25:61:00+07:00',
    '00000000-0000-0000-0000-000000000000',
    [],
    {},
    { constructor: { prototype: { admin: true } } },
    JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
  ),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.double(),
  fc.integer(),
);

/** A string as odd bytes in a URL: each byte percent-encoded, so that invalid UTF-8 reaches the server. */
const oddPathSegment: fc.Arbitrary<string> = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 24 }).map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map(encodeURIComponent),
  fc.constantFrom('%00', '..', '%2e%2e%2f', 'x'.repeat(3_000), '-1', '1e309', 'null', '%25', '%ZZ'),
);

/** One draw from `schema` by json-schema-faker, with its randomness taken from fast-check (so a seed replays it). */
function sample(schema: Schema, components: unknown, g: fc.GeneratorValue, optionals: boolean): unknown {
  JSONSchemaFaker.option({
    random: () => g(fc.double, { min: 0, max: 1, maxExcluded: true, noNaN: true }),
    alwaysFakeOptionals: optionals,
    useExamplesValue: g(fc.boolean),
    failOnInvalidTypes: false,
    failOnInvalidFormat: false,
    maxItems: 5,
    maxLength: 300,
    // the years a newsroom time may fall in (API.md v1.3), which a date-time format cannot state
    minDateTime: '1970-01-01T00:00:00.000Z',
    maxDateTime: '2199-12-31T23:59:59.999Z',
  });
  return JSONSchemaFaker.generate({ ...schema, components } as never);
}

/**
 * The components without the examples of arrays: json-schema-faker takes an
 * array's example for each of its items (`['reporter']` became an item
 * `{"0":"r",...}`), a sample no schema allows.
 */
function withoutArrayExamples<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutArrayExamples) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) copy[key] = withoutArrayExamples(inner);
  if (copy.type === 'array') delete copy.example;
  return copy as T;
}

/** A sample bent out of its schema in one place: a field dropped, set to an odd value, or one added. */
function bend(value: unknown, how: { op: 'drop' | 'set' | 'add'; at: number; odd: unknown; key: string }): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return how.odd;
  const record = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(record);
  if (how.op === 'add' || keys.length === 0) return { ...record, [how.key]: how.odd };
  const key = keys[how.at % keys.length];
  if (how.op === 'drop') delete record[key];
  else record[key] = how.odd;
  return record;
}

const bending = fc.record({
  op: fc.constantFrom('drop' as const, 'set' as const, 'add' as const),
  at: fc.nat(),
  odd: oddValue,
  key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'id', 'status', 'version', 'authorId', 'role')),
});

/**
 * The requests for one operation. `known` holds real values for path
 * parameters by name (ids and slugs that exist, so that cases reach past the
 * 404); the rest are random ids and odd bytes.
 */
export function requestsFor(operation: FuzzOperation, doc: OpenApiDocument, known: Record<string, string[]> = {}): fc.Arbitrary<FuzzRequest> {
  const components = withoutArrayExamples(doc.components);
  const fromSchema = (schema: Schema) => fc.gen().map((g) => sample(schema, components, g, true));
  // real ids and slugs where the test has them (a case then reaches past the 404), else what the schema allows
  const pathValue = ({ name, schema }: { name: string; schema: Schema }, odd: boolean): fc.Arbitrary<string> => {
    const real = known[name] ?? [];
    // a path segment is never empty: `/drafts//submit` is another route
    const made = odd ? fc.oneof(fc.uuid().map(String), oddPathSegment) : fromSchema({ minLength: 1, ...schema }).map((v) => encodeURIComponent(queryText(v)));
    return real.length ? fc.oneof({ arbitrary: fc.constantFrom(...real).map(encodeURIComponent), weight: 3 }, { arbitrary: made, weight: 1 }) : made;
  };
  const path = (odd: boolean) =>
    fc
      .tuple(...operation.pathParams.map((param) => pathValue(param, odd)))
      .map((values) => operation.pathParams.reduce((p, { name }, i) => p.replace(`{${name}}`, values[i]), operation.path));
  const queryValue = (schema: Schema, odd: boolean) =>
    odd
      ? fc.oneof(fromSchema(schema).map(queryText), oddValue.map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))))
      : fromSchema(schema).map(queryText);
  const query = (odd: boolean) =>
    fc
      // a valid request has every required parameter; an odd one may leave any out
      .tuple(...operation.query.map((q) => (q.required && !odd ? queryValue(q.schema, odd) : fc.option(queryValue(q.schema, odd), { nil: undefined })).map((v) => [q.name, v] as const)))
      .map((pairs) => {
        const search = new URLSearchParams();
        for (const [name, value] of pairs) if (value !== undefined) search.append(name, value);
        const text = search.toString();
        return text ? `?${text}` : '';
      });
  const schema = operation.body;
  const valid = schema ? fc.tuple(fc.gen(), fc.boolean()).map(([g, all]) => JSON.stringify(sample(schema, components, g, all))) : fc.constant(undefined);
  const bent: fc.Arbitrary<{ kind: string; body?: string }> = schema
    ? fc.oneof(
        { arbitrary: fc.tuple(fc.gen(), bending).map(([g, how]) => ({ kind: `bent:${how.op}`, body: JSON.stringify(bend(sample(schema, components, g, true), how)) ?? 'null' })), weight: 3 },
        { arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => ({ kind: 'any-json', body: JSON.stringify(v) ?? 'null' })), weight: 1 },
        { arbitrary: fc.string({ unit: 'binary', maxLength: 64 }).map((text) => ({ kind: 'raw', body: text })), weight: 1 },
      )
    : fc.constant({ kind: 'odd-parameters' });
  const request = (kind: string, p: string, q: string, body: string | undefined): FuzzRequest => ({ method: operation.method, url: `${p}${q}`, body, kind });
  return fc.oneof(
    // what the document allows, everywhere: the answer must not be a validation refusal (the document would be lying)
    fc.tuple(path(false), query(false), valid).map(([p, q, b]) => request('valid', p, q, b)),
    fc.tuple(path(true), query(true), bent).map(([p, q, b]) => request(b.kind, p, q, b.body)),
  );
}

/** A sampled query value as the query string carries it. */
function queryText(value: unknown): string {
  return typeof value === 'string' ? value : Array.isArray(value) ? value.join(',') : (JSON.stringify(value) ?? '');
}

/** What a server must never put in an answer: a stack trace, a source path, a driver's error text. */
export const LEAK_PATTERNS: RegExp[] = [
  /\n\s+at [^\n]+:\d+:\d+/,
  /node_modules\//,
  /\/(?:dist|apps|libs)\/[^\s"]+\.[jt]s/,
  /\b(?:QueryFailedError|DriverException|TypeError|ReferenceError|SyntaxError: Unexpected)\b/,
  /\bduplicate key value violates\b|\bviolates (?:foreign key|check|not-null) constraint\b|\binvalid input syntax for\b/,
];
