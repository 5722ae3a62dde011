import { Global, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { BaseConfig } from '@newsroom/config';
import Redis, { RedisCommander } from 'ioredis';
import { RetryNotingCluster } from './cluster-redirects';
import { clusterOptions, connectRedis, deploymentChannel, RedisConnection, redisOptionsFromUrl, RedisTarget, redisTarget } from './redis-connection';
import { RedisKeyspace } from './redis-keyspace';
import { ReplicaAcks } from './replica-acks';

/** A channel being listened to; closed on shutdown. */
export interface ChannelListener {
  close(): Promise<void>;
}

/** What the newsroom adds to an ioredis client, on a single node and on a cluster alike. */
interface NewsroomRedis {
  /** where the deployment's keys live (hash tags, queue prefixes, view shards) */
  readonly keyspace: RedisKeyspace;
  /** the writes that must survive a failover wait for this many replicas */
  readonly replicaAcks: ReplicaAcks;
  /** this very client, typed as the ioredis class it is (for libraries that take one) */
  readonly connection: RedisConnection;
  /**
   * A client of the same Redis without the key prefix, for keys named in full
   * (the view shards', each under a hash tag of its own: the prefix's tag
   * would put them all in one slot). Opened on first use, closed with this one.
   */
  readonly unprefixed: RedisConnection;
  channel(name: string): string;
  listen(name: string, onMessage: (message: string) => void, onReady?: () => void): ChannelListener;
}

/**
 * The newsroom's own Redis client (counters, caches, pub/sub); every key it
 * writes carries the deployment's prefix `{prefix}:`, one hash tag. Queues use
 * BullMQ's connections. An ioredis `Redis`, or with REDIS_CLUSTER_NODES set a
 * `Cluster`: both take the same commands, scripts, pipelines and MULTI (on a
 * cluster a multi-key command must stay in one slot, which the shared tag
 * guarantees for the deployment's own keys). Inject it by this class.
 */
export abstract class RedisClient implements NewsroomRedis, OnApplicationShutdown {
  abstract readonly keyspace: RedisKeyspace;
  abstract readonly replicaAcks: ReplicaAcks;
  abstract readonly connection: RedisConnection;
  abstract readonly unprefixed: RedisConnection;
  abstract channel(name: string): string;
  /**
   * Hands every message on a channel under the deployment's prefix to
   * `onMessage`, over a connection of its own (a subscribed connection can do
   * nothing else). Not awaited: with Redis down the app still starts, and the
   * subscription is made once connected and again after every reconnect (on
   * a cluster, to another node when its node went away). `onReady` hears
   * every (re)subscription, after which messages sent meanwhile may have been
   * missed.
   */
  abstract listen(name: string, onMessage: (message: string) => void, onReady?: () => void): ChannelListener;
  abstract onApplicationShutdown(): Promise<void>;
}
// The commands are ioredis's own, identical on Redis and Cluster.
export interface RedisClient extends RedisCommander, Pick<Redis, 'defineCommand' | 'pipeline' | 'multi'> {
  readonly status: string;
}

/** The parts of both client classes that are the same code. */
class Extras {
  private unprefixedClient: RedisConnection | null = null;

  constructor(
    readonly target: RedisTarget,
    readonly keyspace: RedisKeyspace,
    readonly replicaAcks: ReplicaAcks,
    private readonly db: number,
  ) {}

  get unprefixed(): RedisConnection {
    return (this.unprefixedClient ??= connectRedis(this.target));
  }

  channel(name: string): string {
    return deploymentChannel(this.keyspace.prefix, this.db, name);
  }

  async close(client: RedisConnection): Promise<void> {
    const clients = this.unprefixedClient ? [client, this.unprefixedClient] : [client];
    await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
  }
}

export class SingleNodeRedisClient extends Redis implements RedisClient {
  private readonly extras: Extras;

  constructor(target: RedisTarget, keyspace: RedisKeyspace, replicaAcks: ReplicaAcks) {
    super({ ...redisOptionsFromUrl(target.url), keyPrefix: keyspace.appKeyPrefix, lazyConnect: false });
    this.extras = new Extras(target, keyspace, replicaAcks, this.options.db ?? 0);
  }

  get keyspace() {
    return this.extras.keyspace;
  }
  get replicaAcks() {
    return this.extras.replicaAcks;
  }
  get connection(): RedisConnection {
    return this;
  }
  get unprefixed() {
    return this.extras.unprefixed;
  }
  channel(name: string): string {
    return this.extras.channel(name);
  }

  listen(name: string, onMessage: (message: string) => void, onReady?: () => void): ChannelListener {
    const channel = this.channel(name);
    const subscriber = this.duplicate();
    subscriber.on('message', (from: string, message: string) => {
      if (from === channel) onMessage(message);
    });
    if (onReady) subscriber.on('ready', onReady);
    subscriber.subscribe(channel).catch((error: unknown) => new Logger(RedisClient.name).warn(`subscribing to ${name} failed: ${(error as Error).message}`));
    return { close: () => subscriber.quit().then(() => undefined, () => subscriber.disconnect()) };
  }

  onApplicationShutdown(): Promise<void> {
    return this.extras.close(this);
  }
}

/** How soon a cluster listener whose node went away subscribes on another. */
const RESUBSCRIBE_MS = 250;

export class ClusterRedisClient extends RetryNotingCluster implements RedisClient {
  private readonly extras: Extras;

  constructor(target: RedisTarget, keyspace: RedisKeyspace, replicaAcks: ReplicaAcks) {
    super(target.clusterNodes!, clusterOptions(target, { keyPrefix: keyspace.appKeyPrefix }));
    this.extras = new Extras(target, keyspace, replicaAcks, 0);
  }

  get keyspace() {
    return this.extras.keyspace;
  }
  get replicaAcks() {
    return this.extras.replicaAcks;
  }
  get connection(): RedisConnection {
    return this;
  }
  get unprefixed() {
    return this.extras.unprefixed;
  }
  channel(name: string): string {
    return this.extras.channel(name);
  }

  /**
   * PUBLISH reaches the subscribers on every node of a cluster, so one
   * connection to any node hears the channel. That connection is our own
   * (not ioredis's cluster subscriber, which moves to another node silently):
   * when its node goes away (a master killed, a node removed), it subscribes
   * on another node the cluster still lists, and says so through `onReady`.
   */
  listen(name: string, onMessage: (message: string) => void, onReady?: () => void): ChannelListener {
    const channel = this.channel(name);
    const { username, password, tls } = redisOptionsFromUrl(this.extras.target.url);
    const logger = new Logger(RedisClient.name);
    let subscriber: Redis | null = null;
    let closed = false;
    let retry: NodeJS.Timeout | undefined;
    const subscribeSoon = () => {
      if (!closed) retry = setTimeout(subscribe, RESUBSCRIBE_MS);
    };
    const subscribe = () => {
      const nodes = this.nodes('all');
      const node = nodes[Math.floor(Math.random() * nodes.length)];
      if (!node) return subscribeSoon(); // the cluster is not connected yet
      const { host, port } = node.options;
      const connection = new Redis({ host, port, username, password, tls, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 1 });
      subscriber = connection;
      connection.on('error', () => undefined); // 'end' follows, and another node is tried
      connection.on('message', (from: string, message: string) => {
        if (from === channel) onMessage(message);
      });
      connection.once('end', () => {
        if (subscriber === connection) subscribeSoon();
      });
      connection.subscribe(channel).then(
        () => onReady?.(),
        (error: unknown) => {
          logger.warn(`subscribing to ${name} on ${host}:${port} failed: ${(error as Error).message}; trying another node`);
          connection.disconnect();
        },
      );
    };
    subscribe();
    return {
      close: async () => {
        closed = true;
        clearTimeout(retry);
        const last = subscriber;
        subscriber = null;
        await last?.quit().catch(() => last.disconnect());
      },
    };
  }

  onApplicationShutdown(): Promise<void> {
    return this.extras.close(this);
  }
}

/** The deployment's keyspace, from its settings. */
export function keyspaceOf(config: BaseConfig): RedisKeyspace {
  return new RedisKeyspace({ prefix: config.NEWSROOM_REDIS_PREFIX, cluster: Boolean(config.REDIS_CLUSTER_NODES), viewShards: config.viewShards });
}

export function createRedisClient(config: BaseConfig): RedisClient {
  const target = redisTarget(config);
  const acks = new ReplicaAcks(config.NEWSROOM_REDIS_WAIT_REPLICAS);
  return target.clusterNodes ? new ClusterRedisClient(target, keyspaceOf(config), acks) : new SingleNodeRedisClient(target, keyspaceOf(config), acks);
}

@Global()
@Module({
  providers: [
    { provide: RedisClient, inject: [BaseConfig], useFactory: createRedisClient },
    { provide: RedisKeyspace, inject: [RedisClient], useFactory: (redis: RedisClient) => redis.keyspace },
  ],
  exports: [RedisClient, RedisKeyspace],
})
export class RedisModule {}
