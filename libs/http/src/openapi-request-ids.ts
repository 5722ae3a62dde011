import type { OpenAPIObject } from '@nestjs/swagger';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;

/**
 * Says in the OpenAPI document what every operation does with request ids,
 * which Nest's decorators cannot see (the server's front sets them, before
 * any route): an optional `X-Request-Id` and W3C `traceparent` taken from the
 * caller, and `X-Request-Id` on every answer (the caller's, or a new UUID).
 */
export function describeRequestIds(document: OpenAPIObject): void {
  document.components ??= {};
  document.components.parameters = {
    ...document.components.parameters,
    RequestId: {
      name: 'X-Request-Id',
      in: 'header',
      required: false,
      description: "the caller's id for this request: echoed in the answer's X-Request-Id and logged with every line of the work it starts (jobs, webhooks); anything but 1-128 of A-Z a-z 0-9 . _ : @ - is replaced by a new UUID",
      schema: { type: 'string', pattern: '^[A-Za-z0-9._:@-]{1,128}$' },
    },
    TraceParent: {
      name: 'traceparent',
      in: 'header',
      required: false,
      description: 'W3C Trace Context: continued (same trace id) through every app and job the request reaches, or a new trace is started',
      schema: { type: 'string', pattern: '^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$' },
    },
  };
  document.components.headers = {
    ...document.components.headers,
    RequestId: { description: "the request's id: the caller's X-Request-Id, or a new UUID", schema: { type: 'string' } },
  };
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      operation.parameters = [...(operation.parameters ?? []), { $ref: '#/components/parameters/RequestId' }, { $ref: '#/components/parameters/TraceParent' }];
      for (const response of Object.values(operation.responses ?? {})) {
        if (!response || '$ref' in response) continue;
        response.headers = { ...response.headers, 'X-Request-Id': { $ref: '#/components/headers/RequestId' } };
      }
    }
  }
}
