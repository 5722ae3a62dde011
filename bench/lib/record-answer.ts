import { request } from 'node:http';
import type { RecordedAnswer } from '../read-path/bare-server';

/** Headers Node sets itself for each answer (or that describe one connection): not replayed. */
const PER_CONNECTION = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

/**
 * One GET as autocannon sends it (no Accept-Encoding, so the same bytes it is
 * sent), recorded for the bare server (read-path/bare-server.ts) to replay.
 */
export function recordAnswer(url: string, headers: Record<string, string> = {}): Promise<RecordedAnswer & { bytes: number }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const kept = Object.entries(res.headers).filter(([name]) => !PER_CONNECTION.has(name));
        resolve({ status: res.statusCode ?? 0, headers: Object.fromEntries(kept.map(([n, v]) => [n, String(v)])), body: body.toString('base64'), bytes: body.length });
      });
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}
