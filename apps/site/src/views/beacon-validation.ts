import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { errorBody } from '@newsroom/http';
import { BeaconRefusal } from './beacon-body';
import { beaconBatchSchema, beaconViewSchema, BeaconView, UUID_PATTERN } from './view-schemas';

/**
 * The beacon's JSON Schemas compiled once (ajv, as Fastify and the OpenAPI
 * document use them): no coercion (`{slug: 42}` is a 400, not "42") and no
 * removal of unknown properties (an extra field is a 400, not dropped).
 */
const ajv = new Ajv({ coerceTypes: false, removeAdditional: false, allErrors: false });
ajv.addFormat('uuid', new RegExp(UUID_PATTERN));
const validateView = ajv.compile(beaconViewSchema);
const validateBatch = ajv.compile(beaconBatchSchema);

/** The body of POST /views, or a 400 naming what is wrong with it. */
export function beaconView(body: unknown): BeaconView {
  return checked(validateView, body) as BeaconView;
}

/** The body of POST /views/batch, or a 400 naming what is wrong with it. */
export function beaconBatch(body: unknown): BeaconView[] {
  return checked(validateBatch, body) as BeaconView[];
}

function checked(validate: ValidateFunction, body: unknown): unknown {
  if (validate(body)) return body;
  throw new BeaconRefusal(errorBody(400, (validate.errors ?? []).map(describe).join('; '), 'VALIDATION'));
}

function describe(error: ErrorObject): string {
  return `body${error.instancePath}: ${error.keyword === 'oneOf' ? 'give exactly one of slug or articleId' : error.message}`;
}
