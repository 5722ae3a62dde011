import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { ReviewQueueItem } from '@newsroom/database';
import { Role } from '@newsroom/domain';
import type { FastifyReply } from 'fastify';
import type { AuthSession } from '../auth/auth-session';
import { AllowQueryToken, CurrentSession, Roles } from '../auth/auth.decorators';
import { queueItemFor } from '../article-access/four-eyes';
import { SessionRevocation } from '../auth/session-revocation.service';
import { GatewayConfig } from '../gateway.config';
import { ReviewQueueFeed } from './review-queue-feed.service';
import { sseComment, sseEvent } from './sse-frame';

@ApiTags('review')
@ApiBearerAuth()
@Controller('review-queue')
export class ReviewQueueStreamController {
  constructor(
    private readonly feed: ReviewQueueFeed,
    private readonly revocation: SessionRevocation,
    private readonly config: GatewayConfig,
  ) {}

  /**
   * Written on the raw reply rather than with @Sse(): the stream needs comment
   * heartbeats, which Nest's MessageEvent cannot express. It ends when its
   * token expires or is revoked (logout, or all of the user's sessions ended):
   * no later request would check that token again.
   */
  @Get('stream')
  @Roles(Role.Editor)
  @AllowQueryToken()
  @ApiProduces('text/event-stream')
  @ApiQuery({ name: 'access_token', required: false, description: 'the access token, for EventSource clients that cannot send headers' })
  @ApiOkResponse({
    description:
      'Server-Sent Events: one event per queue change, named after it (entered, changed, claimed, released, expired, left), ' +
      'with {change, articleId, item, at} as data (item is null once the article left the queue); a comment heartbeat every 15 s (NEWSROOM_SSE_HEARTBEAT_MS). ' +
      'The stream ends when its token expires or is revoked.',
    content: { 'text/event-stream': { schema: { type: 'string', example: 'event: claimed\ndata: {"change":"claimed","articleId":"…","item":{…},"at":"…"}\n\n' } } },
  })
  stream(@CurrentSession() session: AuthSession, @Res() reply: FastifyReply): void {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx would otherwise buffer the stream
      'x-accel-buffering': 'no',
    });
    // Writes are skipped once the connection is gone: a write after the end would raise an error event.
    const send = (chunk: string) => {
      if (!raw.writableEnded && !raw.destroyed) raw.write(chunk);
    };
    send(sseComment('review queue changes'));
    const heartbeat = setInterval(() => send(sseComment('heartbeat')), this.config.NEWSROOM_SSE_HEARTBEAT_MS);
    // called back asynchronously only (a timer, a pub/sub message), once `stop` exists
    const unwatch = this.revocation.watch(session, () => {
      stop();
      send(sseComment('session ended'));
      raw.end();
    });
    const subscription = this.feed.messages.subscribe({
      // each editor's own articles arrive marked not actionable, as GET /review-queue lists them
      next: (message) => send(sseEvent(message.change, JSON.stringify({ ...message, item: queueItemFor(message.item as ReviewQueueItem | null, session.user.id) }))),
      // the gateway is shutting down
      complete: () => {
        clearInterval(heartbeat);
        unwatch();
        raw.end();
      },
    });
    const stop = () => {
      clearInterval(heartbeat);
      subscription.unsubscribe();
      unwatch();
    };
    // the response's 'close' (not the request's) is what fires when the client goes away
    raw.once('close', stop);
    raw.on('error', stop);
  }
}
