import { JobName, JobPayload, PAYLOAD_SCHEMA_VERSION } from '@newsroom/contracts';
import { Job, UnrecoverableError } from 'bullmq';

/**
 * The payload of a job, after checking it was written for this schema version.
 * A job from an incompatible producer can never succeed, so it fails for good
 * (UnrecoverableError) instead of being retried.
 */
export function payloadOf<J extends JobName>(job: Job, name: J): JobPayload<J> {
  if (job.name !== name) throw new UnrecoverableError(`expected a ${name} job, got ${job.name}`);
  const data = job.data as { schema?: unknown } | null;
  if (!data || data.schema !== PAYLOAD_SCHEMA_VERSION) {
    throw new UnrecoverableError(`${job.name} job ${job.id} has payload schema ${String(data?.schema)}, expected ${PAYLOAD_SCHEMA_VERSION}`);
  }
  return data as JobPayload<J>;
}
