import type { OpenAPIObject } from '@nestjs/swagger';
import { PROMPT_LANE_MAX_VIEWS } from './view-lanes';
import { beaconBatchSchema, beaconViewSchema, errorSchema, MAX_VIEWS_PER_BATCH, viewsAcceptedSchema } from './view-schemas';

type Schema = Record<string, unknown>;

const json = (schema: Schema, description: string) => ({ description, content: { 'application/json': { schema } } });

/**
 * The beacon's routes are a plain Node handler (view-beacon.ts), which Nest's
 * Swagger scan does not see: this adds them to the document from the very
 * schemas the routes validate with.
 */
export function addViewRoutesToDocument(document: OpenAPIObject): void {
  const operation = (summary: string, body: Schema, bodyDescription: string, accepted: string, badRequest: string, extra: Record<string, unknown> = {}) => ({
    post: {
      tags: ['public'],
      summary,
      requestBody: { required: true, ...json(body, bodyDescription) },
      responses: {
        202: json(viewsAcceptedSchema, accepted),
        400: json(errorSchema, badRequest),
        ...extra,
        429: json(errorSchema, 'rate limit for this client address hit'),
      },
    },
  });
  document.paths['/views'] = operation(
    'Count one page view',
    beaconViewSchema,
    'the article by slug or by id, and the visitor',
    'accepted: the view is queued to be counted',
    'neither or both of slug and articleId, or a malformed field',
    { 404: json(errorSchema, 'no published article with that slug or id') },
  );
  document.paths['/views/batch'] = operation(
    'Count many page views at once',
    beaconBatchSchema,
    `1..${MAX_VIEWS_PER_BATCH} views as a bare array`,
    'accepted; unknown or unpublished articles count zero',
    `not an array of 1..${MAX_VIEWS_PER_BATCH} valid views; nothing is counted then`,
    {
      503: {
        ...json(errorSchema, `a batch of more than ${PROMPT_LANE_MAX_VIEWS} views while counting is behind on such batches: nothing of it was counted; send it again after Retry-After`),
        headers: { 'Retry-After': { description: 'seconds to wait before sending the batch again', schema: { type: 'integer' } } },
      },
    },
  );
}
