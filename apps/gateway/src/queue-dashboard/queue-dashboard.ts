import type { OpenAPIObject } from '@nestjs/swagger';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { QueueName } from '@newsroom/contracts';
import { Role } from '@newsroom/domain';
import { errorBody } from '@newsroom/http';
import { JobProducer, ViewCountingQueues } from '@newsroom/queue';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AccessTokens } from '../auth/access-token';
import { sessionTokenFrom } from '../auth/session-cookie';

/** Where the desk shows the queues (Bull Board). */
export const QUEUE_DASHBOARD_PATH = '/desk/queues';

/**
 * Bull Board over every queue of every service: each queue Nest registers,
 * and each view shard's view-counting queue (on a cluster each lives under
 * its own hash tag; their names in the board carry the shard). Admins only,
 * signed in at the desk (its cookie) or with a Bearer token: anyone else gets
 * 401, a signed-in non-admin 403, before Bull Board sees the request. Its
 * pages keep inline styles (security-headers.ts); their scripts are its own
 * files, served from here.
 */
export async function mountQueueDashboard(app: NestFastifyApplication): Promise<void> {
  const producer = app.get(JobProducer);
  const viewCounting = app.get(ViewCountingQueues);
  const tokens = app.get(AccessTokens, { strict: false });
  const shards = viewCounting.shards.length > 1 ? viewCounting.shards : [];
  const queues = [
    ...Object.values(QueueName)
      .filter((name) => shards.length === 0 || name !== QueueName.ViewCounting)
      .map((name) => new BullMQAdapter(producer.queue(name))),
    ...shards.map(({ shard, queue }) => new BullMQAdapter(queue, { prefix: `shard-${shard.index}-` })),
  ];
  const board = new FastifyAdapter();
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({ queues, serverAdapter: board, options: { uiConfig: { boardTitle: 'Newsroom queues' } } });
  await app.register(async (scope: FastifyInstance) => {
    scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      const refusal = await adminRefusal(tokens, request);
      if (refusal) await reply.status(refusal.status).header('cache-control', 'private, no-store').send(errorBody(refusal.status, refusal.message));
    });
    await scope.register(board.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
  });
}

async function adminRefusal(tokens: AccessTokens, request: FastifyRequest): Promise<{ status: 401 | 403; message: string } | null> {
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  const token = bearer ?? sessionTokenFrom(request.headers.cookie);
  const session = token ? await tokens.authenticate(token) : null;
  if (!session) return { status: 401, message: 'sign in as an admin to see the queues' };
  if (!session.user.roles.includes(Role.Admin)) return { status: 403, message: 'the queue dashboard is for admins' };
  return null;
}

/**
 * The dashboard in the OpenAPI document: Bull Board's own routes are not
 * Nest's, so Swagger would not list them; the page and who may open it are.
 */
export function describeQueueDashboard(document: OpenAPIObject): void {
  document.paths[QUEUE_DASHBOARD_PATH] = {
    get: {
      tags: ['operations'],
      summary: 'The queue dashboard (Bull Board): every queue of every service, with pausing, retrying and cleaning',
      description: 'An HTML page for admins, signed in at the desk (session cookie) or with Authorization: Bearer <admin token>. Its own assets and JSON live under this path.',
      security: [{ bearer: [] }],
      responses: {
        '200': { description: 'the dashboard (text/html)', content: { 'text/html': { schema: { type: 'string' } } } },
        '401': { description: 'not signed in' },
        '403': { description: 'signed in, but not an admin' },
      },
    },
  };
}
