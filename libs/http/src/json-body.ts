import { Tokenizer, TokenType } from '@streamparser/json';
import secureJson from 'secure-json-parse';
import type { FastifyInstance } from 'fastify';

/** The contract's bound: a body nested deeper than this is refused (API.md v1.3). */
export const MAX_BODY_DEPTH = 64;

/** Throws on bytes that are not UTF-8 instead of replacing them. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A JSON body refused while parsing: always a 400, with a code the exception filter and the beacon pass on. */
export class JsonBodyRefusal extends Error {
  readonly statusCode = 400;

  constructor(
    readonly code: 'BODY.TOO_DEEP' | 'BODY.NUL_CHARACTER' | 'EMPTY_JSON_BODY' | 'MALFORMED_JSON',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Parses a request's JSON body for every JSON route of the gateway (Nest's
 * and the view beacon's). JSON.parse itself is not recursive, but what walks
 * the result afterwards is (class-transformer's whitelist, class-validator,
 * ajv): a body of a million `[` cost a second of stack overflow per request
 * and froze the event loop for everyone. So a tokenizer pass comes first and
 * stops at depth 65, before anything is built; the same pass refuses a NUL in
 * any string, keys included, which Postgres would refuse later as a 500.
 * Only then secure-json-parse builds the value, refusing `__proto__` and
 * `constructor.prototype` as Fastify's own parser does.
 */
export function parseJsonBody(raw: Buffer | string): unknown {
  // the tokenizer reads the bytes as they are: a refused body is never decoded or copied
  if (!plainlyShallow(raw) && checkShape(raw) === 0) throw new JsonBodyRefusal('EMPTY_JSON_BODY', "body cannot be empty when content-type is set to 'application/json'");
  let text: string;
  try {
    // JSON is UTF-8 (RFC 8259): bytes that are not would otherwise be stored as U+FFFD without a word
    text = typeof raw === 'string' ? raw : STRICT_UTF8.decode(raw);
  } catch {
    throw new JsonBodyRefusal('MALFORMED_JSON', 'malformed JSON: the body is not valid UTF-8');
  }
  try {
    return secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    throw new JsonBodyRefusal('MALFORMED_JSON', `malformed JSON: ${(error as Error).message}`);
  }
}

/** Small bodies (a view beacon's ~100 bytes) are checked by a byte scan; larger ones go through the tokenizer. */
const SCAN_LIMIT_BYTES = 8192;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;

/**
 * Whether a small body can be neither too deep nor hold a NUL, without
 * tokenizing it: nesting 65 levels takes 65 `[` or `{` bytes, and a NUL in a
 * JSON string can only be written `\u0000` (a raw control byte is not JSON,
 * and JSON.parse refuses it). False sends it to the tokenizer, which then
 * decides (an empty body too). On the beacon the tokenizer was 4% of the
 * site's CPU (bench:views' probe profile).
 */
function plainlyShallow(raw: Buffer | string): boolean {
  if (raw.length > SCAN_LIMIT_BYTES || raw.length === 0 || raw.indexOf('\\u0000') !== -1) return false;
  let opening = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = typeof raw === 'string' ? raw.charCodeAt(i) : raw[i];
    if ((c === OPEN_BRACKET || c === OPEN_BRACE) && ++opening > MAX_BODY_DEPTH) return false;
  }
  // only whitespace is an empty body, which the tokenizer names
  return opening > 0 || /\S/.test(typeof raw === 'string' ? raw : raw.toString('latin1'));
}

/** Refuses too deep a body or a NUL in a string; returns how many tokens it read (0: only whitespace). */
function checkShape(raw: Buffer | string): number {
  const tokenizer = new Tokenizer();
  let depth = 0;
  let tokens = 0;
  // a refusal thrown from onToken leaves write() at once: nothing past the 65th level is read
  tokenizer.onToken = ({ token, value }) => {
    tokens++;
    if (token === TokenType.LEFT_BRACE || token === TokenType.LEFT_BRACKET) {
      if (++depth > MAX_BODY_DEPTH) throw new JsonBodyRefusal('BODY.TOO_DEEP', `request body is nested deeper than ${MAX_BODY_DEPTH} levels`);
    } else if (token === TokenType.RIGHT_BRACE || token === TokenType.RIGHT_BRACKET) {
      depth--;
    } else if (token === TokenType.STRING && (value as string).includes('\u0000')) {
      throw new JsonBodyRefusal('BODY.NUL_CHARACTER', 'request body has a NUL character (\\u0000) in a string');
    }
  };
  try {
    tokenizer.write(raw);
    tokenizer.end();
  } catch (error) {
    if (error instanceof JsonBodyRefusal) throw error;
    throw new JsonBodyRefusal('MALFORMED_JSON', `malformed JSON: ${(error as Error).message}`);
  }
  return tokens;
}

/**
 * Puts parseJsonBody in place of the JSON parser Nest registered on Fastify
 * (call after `app.init()`, before `listen`). Fastify still enforces
 * `bodyLimit` (413) before the parser runs.
 */
export function useBoundedJsonParser(fastify: FastifyInstance, bodyLimit: number): void {
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as Buffer));
    } catch (error) {
      done(error as JsonBodyRefusal, undefined);
    }
  });
}
