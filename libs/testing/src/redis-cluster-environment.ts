import NodeEnvironment from 'jest-environment-node';
import { ON_REDIS_CLUSTER_GLOBAL } from './test-env';

/** What every test of the `e2e-cluster` project is called by, before its own name. */
export const ON_REDIS_CLUSTER_LABEL = '[redis cluster]';

/** The part of jest-circus's state this environment touches: the test file's top-level blocks and tests. */
interface CircusState {
  rootDescribeBlock: { children: { name: string }[] };
}

/**
 * Jest's node environment for the `e2e-cluster` project, which runs suites of
 * test/ a second time on a Redis Cluster: it tells the testing library so
 * (testRedisClusterNodes), and names each top-level block `[redis cluster] …`,
 * so that the same test on the single Redis and on the cluster are told apart
 * in reports/jest-results.json too (which does not carry the project's name).
 */
export default class RedisClusterEnvironment extends NodeEnvironment {
  constructor(...args: ConstructorParameters<typeof NodeEnvironment>) {
    super(...args);
    (this.global as Record<string, unknown>)[ON_REDIS_CLUSTER_GLOBAL] = true;
  }

  handleTestEvent(event: { name: string }, state: CircusState): void {
    if (event.name !== 'run_start') return;
    for (const child of state.rootDescribeBlock.children) child.name = `${ON_REDIS_CLUSTER_LABEL} ${child.name}`;
  }
}
