import helmet, { HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Response headers as name/value pairs in a row, as `writeHead` takes them. */
export type HeaderPairs = readonly string[];

/** One app's security headers, by the path a request is for. */
export interface SecurityHeaders {
  /** Sets them on a response before anyone answers it. */
  set(request: IncomingMessage, response: ServerResponse): void;
  /** Whether a URL is one of the data-only paths (SecurityHeaderPolicy.dataOnlyAt). */
  isDataOnly(url: string): boolean;
  /**
   * The data-only paths' set, for an answer there that writes it in its own
   * `writeHead` instead of having it set beforehand (the view beacon:
   * HttpAppOptions.frontHandlers).
   */
  readonly dataOnly: HeaderPairs;
}

export interface SecurityHeaderPolicy {
  /** the public origin: HSTS and upgrade-insecure-requests only when it is https */
  publicUrl: string;
  /** the gateway (staff: article ids in desk URLs) sends a Referer to itself only; the site its origin to other sites */
  referrerPolicy: 'same-origin' | 'strict-origin-when-cross-origin';
  /**
   * Paths (prefixes) whose pages are not ours and keep inline styles (Swagger
   * UI at /docs and the queue dashboard): scripts stay 'self' there too.
   */
  inlineStylesUnder?: readonly string[];
  /**
   * Paths whose answers are only ever data, never a document (the view
   * beacon, hit for every page view): they get the set OWASP's REST cheat
   * sheet gives for API responses (see dataOnlyOptions) instead of a page's.
   */
  dataOnlyAt?: readonly string[];
}

/**
 * Features no page of the newsroom uses, denied so that a script slipped into
 * a page (or a framed third party) cannot ask for them either. Helmet sets no
 * Permissions-Policy (it dropped it), so this one header is ours.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer=()', 'autoplay=()', 'camera=()', 'display-capture=()', 'geolocation=()', 'gyroscope=()',
  'magnetometer=()', 'microphone=()', 'midi=()', 'payment=()', 'publickey-credentials-get=()',
  'screen-wake-lock=()', 'serial=()', 'usb=()', 'xr-spatial-tracking=()', 'browsing-topics=()',
].join(', ');

/**
 * The helmet options of one app: a CSP the pages really pass (every script
 * and stylesheet is a file under /assets, so 'self' and nothing inline; the
 * JSON-LD block is data, which CSP does not run), never framed (the desk
 * against clickjacking, the readers' pages because nothing embeds them),
 * nosniff, the app's Referrer-Policy, HSTS only behind https.
 */
export function helmetOptions(policy: SecurityHeaderPolicy, inlineStyles = false): HelmetOptions {
  const https = policy.publicUrl.startsWith('https:');
  return {
    ...framingReferrerAndTransport(policy),
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': inlineStyles ? ["'self'", "'unsafe-inline'"] : ["'self'"],
        // article photos live on the portal's image hosts
        'img-src': ["'self'", 'data:', 'https:'],
        'font-src': ["'self'", 'data:'],
        // the beacon and the review queue's event stream go to this origin
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        ...(https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
  };
}

/** What pages and data answers share: never framed, the app's Referrer-Policy, HSTS only behind https. */
function framingReferrerAndTransport(policy: SecurityHeaderPolicy) {
  return {
    frameguard: { action: 'deny' as const },
    referrerPolicy: { policy: policy.referrerPolicy },
    // a year, as browsers' preload lists ask; never on plain http (a browser would then refuse the http origin)
    strictTransportSecurity: policy.publicUrl.startsWith('https:') ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  };
}

/**
 * For answers that are data and never a document: nothing may load from them
 * or frame them (`default-src 'none'; frame-ancestors 'none'`), nosniff,
 * X-Frame-Options, the app's Referrer-Policy, HSTS behind https, and
 * Cross-Origin-Resource-Policy. The document-only headers (the page CSP's
 * sources, COOP, Origin-Agent-Cluster, Permissions-Policy and the legacy
 * X-DNS-Prefetch-Control, X-Download-Options, X-Permitted-Cross-Domain-Policies,
 * X-XSS-Protection) mean nothing on a 202: on the beacon they were 900 bytes
 * on every answer, and a quarter of the CPU a client spent per beacon
 * (bench:views).
 */
export function dataOnlyOptions(policy: SecurityHeaderPolicy): HelmetOptions {
  return {
    ...framingReferrerAndTransport(policy),
    contentSecurityPolicy: { useDefaults: false, directives: { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] } },
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-origin' },
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  };
}

/**
 * Applied at the very front of the HTTP server, before the handlers that
 * answer outside Nest and Fastify (the readers' cache hits, the view beacon,
 * the staff forwarding), so every response carries the same headers whoever
 * answers it. @fastify/helmet's onRequest hook would miss exactly those hot
 * paths, so its engine, helmet, is used here instead. Every header helmet
 * sets with these options is the same for every request (no CSP nonce, no
 * directive read from the request), so each set is read off helmet once, at
 * start, rather than its middleware chain run again on every response.
 */
export function securityHeaders(policy: SecurityHeaderPolicy): SecurityHeaders {
  const strict = [...helmetHeaders(helmetOptions(policy)), 'permissions-policy', PERMISSIONS_POLICY];
  const relaxed = [...helmetHeaders(helmetOptions(policy, true)), 'permissions-policy', PERMISSIONS_POLICY];
  const dataOnly = helmetHeaders(dataOnlyOptions(policy));
  const relaxedUnder = policy.inlineStylesUnder ?? [];
  const dataOnlyAt = policy.dataOnlyAt ?? [];
  const isDataOnly = (url: string) => isAtPath(dataOnlyAt, url);
  return {
    dataOnly,
    isDataOnly,
    set(request, response) {
      const url = request.url ?? '/';
      const pairs = isDataOnly(url)
        ? dataOnly
        : relaxedUnder.some((prefix) => url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`))
          ? relaxed
          : strict;
      for (let i = 0; i < pairs.length; i += 2) response.setHeader(pairs[i], pairs[i + 1]);
    },
  };
}

/**
 * The headers helmet sets with these options, as pairs (names in lower case).
 * Its one removal, X-Powered-By, has nothing to remove at the front of the
 * server: nothing has answered yet, and neither Node nor Fastify sets it.
 */
function helmetHeaders(options: HelmetOptions): HeaderPairs {
  const pairs: string[] = [];
  const recorder = {
    setHeader: (name: string, value: unknown) => void pairs.push(name.toLowerCase(), String(value)),
    removeHeader: () => undefined,
  };
  helmet(options)({} as never, recorder as never, (error?: unknown) => {
    if (error) throw error;
  });
  return Object.freeze(pairs);
}

/** Whether a request's URL is one of these paths exactly, with or without a query. */
export function isAtPath(paths: readonly string[], url: string): boolean {
  return paths.some((path) => url === path || url.startsWith(`${path}?`));
}
