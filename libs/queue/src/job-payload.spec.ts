import { JobName, PAYLOAD_SCHEMA_VERSION } from '@newsroom/contracts';
import { Job, UnrecoverableError } from 'bullmq';
import { payloadOf } from './job-payload';

const job = (name: string, data: unknown) => ({ id: '1', name, data }) as Job;

describe('payloadOf', () => {
  it('returns a payload written for this schema version', () => {
    const data = { schema: PAYLOAD_SCHEMA_VERSION, articleId: 'a', version: 2 };
    expect(payloadOf(job(JobName.CheckSubmission, data), JobName.CheckSubmission)).toBe(data);
  });

  it.each([
    ['no payload', null],
    ['no schema', { articleId: 'a' }],
    ['another schema', { schema: 99, articleId: 'a' }],
  ])('fails for good on %s (retrying cannot help)', (_, data) => {
    expect(() => payloadOf(job(JobName.CheckSubmission, data), JobName.CheckSubmission)).toThrow(UnrecoverableError);
  });

  it('refuses a job of another name', () => {
    expect(() => payloadOf(job(JobName.PublishArticle, { schema: PAYLOAD_SCHEMA_VERSION }), JobName.CheckSubmission)).toThrow(UnrecoverableError);
  });
});
