import { clusterErrorCount } from './cluster-error-stats';
import { testRedisClusterNodes } from './test-env';

/**
 * Run before every suite of the `e2e-cluster` project (setupFilesAfterEnv):
 * the suite fails if any node of the cluster answered CROSSSLOT while it ran
 * (whatever the apps or the tests sent). Every key the newsroom writes is
 * under its prefix's tag or one view shard's, so no command should ever
 * span slots; this is where the whole suite proves it on a real cluster.
 */
const seed = () => testRedisClusterNodes()!.split(',')[0];
let before = 0;

beforeAll(async () => {
  before = await clusterErrorCount(seed(), 'CROSSSLOT');
});

afterAll(async () => {
  const during = (await clusterErrorCount(seed(), 'CROSSSLOT')) - before;
  if (during > 0) throw new Error(`the Redis Cluster answered CROSSSLOT ${during} time(s) during this suite: a command or script spanned hash slots`);
});
