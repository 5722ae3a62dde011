import { DomainError } from '@newsroom/domain';

/** A refused batch is worth sending again once a failover is over: seconds. */
const RETRY_AFTER_SECONDS = 2;

/**
 * Views that could not be counted or queued just now (Redis, or a master's
 * replicas, did not answer in time, as in the seconds a cluster takes to fail
 * a master over): 503 with Retry-After. Sending them again is safe: a
 * visitor's view of an article counts once per dedup window.
 */
export function viewsNotStored(): DomainError {
  return new DomainError('unavailable', 'VIEWS.NOT_STORED', 'the views could not be stored just now; send them again shortly (a view sent twice counts once)', RETRY_AFTER_SECONDS);
}
