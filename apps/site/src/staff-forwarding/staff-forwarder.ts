import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { clientAddress, errorBody, ProxyTrust, proxyTrust } from '@newsroom/http';
import { Agent, IncomingMessage, request, ServerResponse } from 'node:http';
import { isReadersPath } from '../page-cache/readers-routes';
import { SiteConfig } from '../site.config';

/** Connection-level headers: they describe one hop and are never passed on (RFC 9110 7.6.1). */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'upgrade', 'proxy-authorization', 'proxy-authenticate'];
/** Paths this app answers itself besides the readers' (cached) routes: its assets, previews, its own /health and /metrics, and /docs. */
const OWN_PATHS = /^\/(assets\/|pratinjau\/|health(\?|$)|metrics(\?|$)|docs([/?]|$))/;

/**
 * The one origin of development (`npm start`, one port): this app answers the
 * readers (pages, public JSON, the beacon, from its cache, no extra hop) and
 * passes every other request (the staff API, the desk, its SSE stream) to the
 * gateway at NEWSROOM_STAFF_UPSTREAM, as a reverse proxy would. In production
 * the load balancer or Varnish routes by path and this stays off.
 *
 * The gateway must believe this hop's forwarding headers (its
 * NEWSROOM_TRUSTED_PROXIES names this app's address), and gets exactly what
 * this app decided: the client address by this app's own trust rules (a
 * forged X-Forwarded-For from an untrusted peer is replaced, never passed on),
 * the protocol and host likewise.
 */
@Injectable()
export class StaffForwarder implements OnApplicationShutdown {
  private readonly logger = new Logger(StaffForwarder.name);
  private readonly upstream?: URL;
  private readonly trust: ProxyTrust;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256 });
  private readonly bodyLimit: number;

  constructor(@Inject(SiteConfig) config: SiteConfig) {
    this.upstream = config.NEWSROOM_STAFF_UPSTREAM ? new URL(config.NEWSROOM_STAFF_UPSTREAM) : undefined;
    this.trust = proxyTrust(config.trustedProxies);
    this.bodyLimit = config.NEWSROOM_BODY_LIMIT_BYTES;
  }

  /** Forwards the request if it is the gateway's; false when this app answers it. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? '/';
    if (!this.upstream) return false;
    // the readers' routes are reads (the beacon's POSTs are answered before this); POST /rubrics and the like are the staff's
    const reading = req.method === 'GET' || req.method === 'HEAD';
    if (reading && (isReadersPath(url) || OWN_PATHS.test(url))) return false;
    this.forward(this.upstream, req, res);
    return true;
  }

  onApplicationShutdown(): void {
    this.agent.destroy();
  }

  private forward(upstream: URL, req: IncomingMessage, res: ServerResponse): void {
    // a body past the limit is refused here, as the gateway would, before a byte of it travels on
    if (Number(req.headers['content-length'] ?? 0) > this.bodyLimit) return refuse(req, res, 413, 'request body is too large', 'BODY_TOO_LARGE');
    const headers = { ...req.headers };
    for (const name of HOP_BY_HOP) delete headers[name];
    const peerTrusted = this.trust(req.socket.remoteAddress ?? '', 0);
    headers['x-forwarded-for'] = clientAddress(req, this.trust);
    headers['x-forwarded-proto'] = (peerTrusted && firstValue(req.headers['x-forwarded-proto'])) || ('encrypted' in req.socket ? 'https' : 'http');
    headers['x-forwarded-host'] = (peerTrusted && firstValue(req.headers['x-forwarded-host'])) || req.headers.host || upstream.host;
    const proxied = request({ protocol: upstream.protocol, hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent: this.agent });
    let answered = false;
    proxied.on('response', (answer) => {
      answered = true;
      const answerHeaders = { ...answer.headers };
      // this hop's own framing and connection handling are Node's, with the client
      for (const name of [...HOP_BY_HOP, 'transfer-encoding']) delete answerHeaders[name];
      res.writeHead(answer.statusCode ?? 502, answerHeaders);
      // a stream (the review queue's SSE) is passed on as it comes
      res.flushHeaders();
      answer.pipe(res);
      answer.on('error', () => res.destroy());
    });
    proxied.on('error', (error) => {
      // the gateway answered before it read the whole body (a refusal): its answer goes on, the rest of the body nowhere
      if (answered) return void stopReading(req);
      if (res.headersSent) return void res.destroy();
      this.logger.warn(`the gateway at ${upstream.origin} did not answer: ${error.message}`);
      refuse(req, res, 503, 'the staff side is not answering; try again shortly', 'UPSTREAM.UNAVAILABLE', { 'retry-after': '1' });
    });
    // the reader went away (a closed desk tab with its stream open): the gateway's side goes too
    res.on('close', () => {
      if (!res.writableFinished) proxied.destroy();
    });
    // a body sent without a length is counted as it streams
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= this.bodyLimit || answered) return;
      proxied.destroy();
      refuse(req, res, 413, 'request body is too large', 'BODY_TOO_LARGE');
    });
    req.pipe(proxied);
  }
}

/** The contract's error; what is left of the body is read and dropped, so the connection can answer and be reused. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, message: string, code: string, headers: Record<string, string> = {}): void {
  stopReading(req);
  if (res.headersSent) return void res.destroy();
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'private, no-store', ...headers })
    .end(JSON.stringify(errorBody(status, message, code)));
}

function stopReading(req: IncomingMessage): void {
  req.unpipe();
  req.removeAllListeners('data');
  req.resume();
}

function firstValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(',')[0]?.trim() || undefined;
}
