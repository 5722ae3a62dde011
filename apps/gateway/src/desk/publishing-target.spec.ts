import { deskActionBase, publishingCall, slotChoice, slotTarget } from './publishing-target';

const LIVE = '11111111-1111-4111-8111-111111111111';
const REVISION = '22222222-2222-4222-8222-222222222222';

describe('which API endpoint a desk publishing button calls', () => {
  it('calls the article endpoints for an article', () => {
    const article = { id: LIVE, revisionOf: null };
    expect(publishingCall(article, 'schedule', { version: '4', publishAt: '2030-01-02T08:30:00' })).toEqual({
      method: 'POST',
      url: `/articles/${LIVE}/schedule`,
      payload: { version: 4, publishAt: '2030-01-02T08:30:00' },
    });
    expect(publishingCall(article, 'unschedule', { version: '5' })).toEqual({ method: 'DELETE', url: `/articles/${LIVE}/schedule` });
    expect(publishingCall(article, 'publish', {})).toEqual({ method: 'POST', url: `/articles/${LIVE}/publish`, payload: {} });
    expect(publishingCall(article, 'unpublish', { version: '6' })).toEqual({ method: 'POST', url: `/articles/${LIVE}/unpublish`, payload: { version: 6, reason: '' } });
  });

  it("calls a revision's endpoints under its live article, and never the article's own", () => {
    const revision = { id: REVISION, revisionOf: LIVE };
    const base = `/articles/${LIVE}/revisions/${REVISION}`;
    expect(publishingCall(revision, 'schedule', { version: '3', publishAt: '2030-01-02 08:30' })).toEqual({
      method: 'POST',
      url: `${base}/schedule`,
      payload: { version: 3, publishAt: '2030-01-02 08:30' },
    });
    expect(publishingCall(revision, 'unschedule', undefined)).toEqual({ method: 'DELETE', url: `${base}/schedule` });
    expect(publishingCall(revision, 'publish', { version: '3' })).toEqual({ method: 'POST', url: `${base}/publish`, payload: { version: 3 } });
    // a revision is never taken down on its own: its live article is
    expect(publishingCall(revision, 'unpublish', { reason: 'x' })).toBeUndefined();
  });

  it('keeps ids from a URL inside their path segment', () => {
    expect(publishingCall({ id: '../users' }, 'publish', {})?.url).toBe('/articles/..%2Fusers/publish');
    expect(publishingCall({ id: 'a?b', revisionOf: 'c/d' }, 'publish', {})?.url).toBe('/articles/c%2Fd/revisions/a%3Fb/publish');
  });
});

describe("where a desk page's buttons post", () => {
  it("gives a revision a route of its own under its live article's id", () => {
    expect(deskActionBase('/desk/schedule', { id: LIVE, revisionOf: null })).toBe(`/desk/schedule/${LIVE}`);
    expect(deskActionBase('/desk/schedule', { id: REVISION, revisionOf: LIVE })).toBe(`/desk/schedule/${LIVE}/revisions/${REVISION}`);
    expect(deskActionBase('/desk/articles', { id: REVISION, revisionOf: LIVE })).toBe(`/desk/articles/${LIVE}/revisions/${REVISION}`);
  });

  it("names a revision in the calendar's slot form with its live article, and reads that back", () => {
    expect(slotChoice({ id: LIVE })).toBe(LIVE);
    expect(slotChoice({ id: REVISION, revisionOf: LIVE })).toBe(`${LIVE}/${REVISION}`);
    expect(slotTarget(LIVE)).toEqual({ id: LIVE });
    expect(slotTarget(`${LIVE}/${REVISION}`)).toEqual({ id: REVISION, revisionOf: LIVE });
    expect(slotTarget(undefined)).toEqual({ id: '' });
    expect(slotTarget(['x'])).toEqual({ id: '' });
  });
});
