import { DomainError } from '@newsroom/domain';
import { assertNotRevision, assertSlotAllowed } from './publish-slot';

describe('publish slots and revisions', () => {
  const now = new Date('2026-12-05T09:00:00Z');

  it('refuses a slot that is not in the future, or before the embargo', () => {
    expect(() => assertSlotAllowed(now, now, null)).toThrow(DomainError);
    expect(() => assertSlotAllowed(new Date('2026-12-05T10:00:00Z'), now, new Date('2026-12-05T11:00:00Z'))).toThrow(/before the embargo/);
    expect(() => assertSlotAllowed(new Date('2026-12-05T10:00:00Z'), now, null)).not.toThrow();
  });

  it('refuses a revision of a live article on the plain article endpoints, naming its own (422 ARTICLE.IS_REVISION)', () => {
    expect(() => assertNotRevision({ id: 'a1', revisionOf: null })).not.toThrow();
    let error: unknown;
    try {
      assertNotRevision({ id: 'r1', revisionOf: { id: 'a1' } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'ARTICLE.IS_REVISION', kind: 'unprocessable' });
    expect((error as Error).message).toContain('/articles/a1/revisions/r1');
  });
});
