import { decidePublish, PublishTarget } from './publish-decision';

const slot = '2030-01-01T03:00:00.000Z';
const target: PublishTarget = { articleId: 'a1', version: 7, scheduledFor: slot };
const scheduled = { status: 'scheduled', version: 7, scheduledFor: new Date(slot), embargoUntil: null };
const at = (iso: string) => new Date(iso);

describe('decidePublish', () => {
  it('publishes the article the job was made for once its slot has come', () => {
    expect(decidePublish(scheduled, target, at('2030-01-01T03:00:00.000Z'))).toEqual({ action: 'publish' });
    expect(decidePublish(scheduled, target, at('2030-01-01T03:00:05.000Z'))).toEqual({ action: 'publish' });
  });

  it('does nothing for an article that is gone, no longer scheduled, or already published', () => {
    expect(decidePublish(null, target, at(slot)).action).toBe('skip');
    for (const status of ['approved', 'published', 'in_review', 'unpublished']) {
      expect(decidePublish({ ...scheduled, status }, target, at(slot))).toMatchObject({ action: 'skip' });
    }
  });

  it('does nothing for a job made for another version or another slot (a reschedule)', () => {
    expect(decidePublish({ ...scheduled, version: 8 }, target, at(slot))).toMatchObject({ action: 'skip' });
    expect(decidePublish({ ...scheduled, scheduledFor: at('2030-01-01T04:00:00.000Z') }, target, at('2030-01-01T05:00:00Z'))).toMatchObject({ action: 'skip' });
    expect(decidePublish({ ...scheduled, scheduledFor: null }, target, at(slot))).toMatchObject({ action: 'skip' });
  });

  it('waits out the remainder when the job fires before the database clock reaches the slot', () => {
    expect(decidePublish(scheduled, target, at('2030-01-01T02:59:59.250Z'))).toEqual({ action: 'wait', waitMs: 750, reason: 'not-due' });
  });

  it('waits for the embargo even when the slot has come', () => {
    const embargoed = { ...scheduled, embargoUntil: at('2030-01-01T03:00:10.000Z') };
    expect(decidePublish(embargoed, target, at('2030-01-01T03:00:01.000Z'))).toEqual({ action: 'wait', waitMs: 9000, reason: 'embargo' });
    expect(decidePublish(embargoed, target, at('2030-01-01T03:00:10.000Z'))).toEqual({ action: 'publish' });
  });
});
