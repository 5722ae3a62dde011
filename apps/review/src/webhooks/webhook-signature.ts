import { createHmac } from 'node:crypto';

/** The X-Newsroom-Signature header: `sha256=` and the hex HMAC-SHA256 of the exact bytes sent, keyed with the webhook's secret. */
export function webhookSignature(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}
