/**
 * The beacon's request and response bodies as JSON Schema: ajv compiles them
 * to validate POST /views and /views/batch (beacon-validation.ts), and the
 * OpenAPI document is built from the same objects, so /docs cannot drift from
 * what the routes accept.
 */
export const MAX_VIEWS_PER_BATCH = 500;

/** One page view as the site's beacon sends it: the article by slug or by id, never both. */
export interface BeaconView {
  slug?: string;
  articleId?: string;
  visitorId?: string;
}

export interface ViewsAccepted {
  /** views handed on to be counted (a repeat visit among them still counts once) */
  accepted: number;
}

/** Postgres' uuid syntax (ajv's `uuid` format would also let `urn:uuid:...` through to a uuid cast). */
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

export const beaconViewSchema = {
  type: 'object',
  description: 'one page view: give exactly one of slug or articleId',
  additionalProperties: false,
  properties: {
    slug: { type: 'string', minLength: 1, maxLength: 120, description: "the article's slug (or give articleId)", examples: ['pakta-pertahanan-korut-rusia-mulai-berlaku'] },
    articleId: { type: 'string', format: 'uuid', pattern: UUID_PATTERN, description: "the article's id (or give slug)" },
    visitorId: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
      description: "the site's own anonymous visitor id (e.g. a first-party cookie); without it the visitor is a salted hash of client IP and User-Agent",
    },
  },
  oneOf: [{ required: ['slug'] }, { required: ['articleId'] }],
} as const;

export const beaconBatchSchema = {
  type: 'array',
  description: `1..${MAX_VIEWS_PER_BATCH} views as a bare array`,
  minItems: 1,
  maxItems: MAX_VIEWS_PER_BATCH,
  items: beaconViewSchema,
} as const;

export const viewsAcceptedSchema = {
  type: 'object',
  required: ['accepted'],
  properties: {
    accepted: { type: 'integer', description: 'views handed on to be counted; crawlers and unknown or unpublished articles are not', examples: [1] },
  },
} as const;

/** The contract's error shape, for the docs (the routes' error handler produces it). */
export const errorSchema = {
  type: 'object',
  required: ['statusCode', 'error', 'message'],
  properties: { statusCode: { type: 'integer' }, error: { type: 'string' }, message: { type: 'string' }, code: { type: 'string' } },
} as const;
