import { Logger } from '@nestjs/common';
import { Cluster } from 'ioredis';

/** One line per kind of redirect and slot per this long, per process: a resharding sends thousands. */
const QUIET_MS = 10_000;

/**
 * What a redirect or a retry a cluster client makes by itself means, as a log
 * line (and the key it is logged once under), or null for any other error.
 * ioredis follows these without a word; during a resharding or a failover an
 * operator wants to see that commands went elsewhere or were sent again.
 */
export function clusterRetryNote(message: string): { key: string; line: string } | null {
  const [code, slot, address] = message.split(' ');
  switch (code) {
    case 'MOVED':
      return { key: `MOVED ${slot} ${address}`, line: `Redis Cluster: slot ${slot} is now served by ${address} (MOVED); its commands are sent there again` };
    case 'ASK':
      return { key: `ASK ${slot} ${address}`, line: `Redis Cluster: slot ${slot} is being migrated to ${address} (ASK); commands on its keys already moved are sent there again` };
    case 'TRYAGAIN':
      return { key: 'TRYAGAIN', line: 'Redis Cluster: a multi-key command met a slot half migrated (TRYAGAIN); it is sent again shortly' };
    case 'CLUSTERDOWN':
      return { key: 'CLUSTERDOWN', line: 'Redis Cluster: the cluster is down (CLUSTERDOWN); commands are sent again once it serves every slot' };
    default:
      return null;
  }
}

const lastLogged = new Map<string, number>();
const logger = new Logger('RedisCluster');

function noteRetry(error: Error): void {
  const note = clusterRetryNote(error.message);
  if (!note) return;
  const now = Date.now();
  if (now - (lastLogged.get(note.key) ?? 0) < QUIET_MS) return;
  lastLogged.set(note.key, now);
  logger.warn(note.line);
}

/**
 * ioredis's cluster client, saying (once per slot and kind, every 10 s at most)
 * when it follows a MOVED or ASK redirect or sends a command again after
 * TRYAGAIN or CLUSTERDOWN. handleError is where ioredis sorts every error of
 * a command sent to a node (a method of the class, documented @ignore).
 */
export class RetryNotingCluster extends Cluster {
  handleError(error: Error, ttl: { value?: unknown }, handlers: unknown): void {
    noteRetry(error);
    super.handleError(error, ttl, handlers);
  }
}
