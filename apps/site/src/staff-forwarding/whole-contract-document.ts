import type { OpenAPIObject } from '@nestjs/swagger';

/** How long the gateway's document is reused before it is asked again. */
const REUSE_MS = 10_000;
const FETCH_TIMEOUT_MS = 2_000;

/**
 * /docs of the one origin in front (`npm start`): this app's routes and the
 * gateway's, in one document, so /docs describes the whole contract that
 * origin serves. The gateway's part is read from its own /docs/openapi.json
 * (each app's document comes from its own code; nothing is written twice)
 * and reused for a few seconds; while the gateway does not answer, /docs
 * shows this app's part alone.
 */
export class WholeContractDocument {
  private staff?: { document: OpenAPIObject; at: number };

  constructor(private readonly upstream: string) {}

  async of(own: OpenAPIObject): Promise<OpenAPIObject> {
    const staff = await this.staffDocument();
    return staff ? merge(own, staff) : own;
  }

  private async staffDocument(): Promise<OpenAPIObject | undefined> {
    if (this.staff && Date.now() - this.staff.at < REUSE_MS) return this.staff.document;
    try {
      const answer = await fetch(new URL('/docs/openapi.json', this.upstream), { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (!answer.ok) return this.staff?.document;
      this.staff = { document: (await answer.json()) as OpenAPIObject, at: Date.now() };
    } catch {
      // the gateway is starting or down: the last one read, if any
    }
    return this.staff?.document;
  }
}

/** Both apps' paths (one path may have methods in each: GET /rubrics here, POST there), schemas and tags. */
export function merge(own: OpenAPIObject, staff: OpenAPIObject): OpenAPIObject {
  const paths: OpenAPIObject['paths'] = { ...staff.paths };
  for (const [path, item] of Object.entries(own.paths)) paths[path] = { ...paths[path], ...item };
  const tags = [...(own.tags ?? []), ...(staff.tags ?? []).filter((tag) => !(own.tags ?? []).some((t) => t.name === tag.name))];
  return {
    ...own,
    info: { ...own.info, description: 'The whole newsroom: the readers\' side (this origin\'s site app) and the staff side (the gateway app behind it).' },
    paths,
    tags,
    components: {
      ...staff.components,
      ...own.components,
      schemas: { ...staff.components?.schemas, ...own.components?.schemas },
      securitySchemes: { ...staff.components?.securitySchemes, ...own.components?.securitySchemes },
    },
  };
}
