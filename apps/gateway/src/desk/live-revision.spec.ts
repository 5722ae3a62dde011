import { liveArticleHref, mayDiscardRevision, mayStartRevision, pendingRevisionOf, revisionHref } from './live-revision';

const hani = { id: 'hani', roles: ['reporter'] };
const budi = { id: 'budi', roles: ['reporter'] };
const ratna = { id: 'ratna', roles: ['editor'] };
const yusuf = { id: 'yusuf', roles: ['scheduler'] };

describe('revisions of a live article on the desk', () => {
  const live = { status: 'published', revisionOf: null, authors: [{ id: 'hani' }] };

  it("offers \"Perbarui berita\" on a live article to its authors and to editors only", () => {
    expect(mayStartRevision(hani, live)).toBe(true);
    expect(mayStartRevision(ratna, live)).toBe(true);
    expect(mayStartRevision(budi, live)).toBe(false);
    expect(mayStartRevision(yusuf, live)).toBe(false);
    // an author who is no longer a reporter: the API refuses them, so the desk does not offer it
    expect(mayStartRevision({ id: 'hani', roles: ['scheduler'] }, live)).toBe(false);
  });

  it('offers it on nothing but a live article', () => {
    for (const status of ['draft', 'approved', 'scheduled', 'unpublished', 'applied']) expect(mayStartRevision(ratna, { ...live, status })).toBe(false);
    expect(mayStartRevision(ratna, { ...live, revisionOf: 'x' })).toBe(false);
  });

  it('does not offer it while a revision is on its way (the API would refuse it with 409)', () => {
    const pendingRevision = { id: 'R', status: 'in_review', authors: [{ id: 'hani' }] };
    expect(mayStartRevision(ratna, { ...live, pendingRevision })).toBe(false);
    expect(mayStartRevision(hani, { ...live, pendingRevision })).toBe(false);
    expect(mayStartRevision(ratna, { ...live, pendingRevision: null })).toBe(true);
  });

  it('finds the revision still on its way, not those that went live, were rejected or cancelled', () => {
    const done = [{ id: 'a', status: 'applied' }, { id: 'b', status: 'rejected' }, { id: 'c', status: 'cancelled' }];
    expect(pendingRevisionOf(done)).toBeUndefined();
    for (const status of ['draft', 'submitted', 'in_review', 'changes_requested', 'approved', 'scheduled']) {
      expect(pendingRevisionOf([...done, { id: 'd', status }])?.id).toBe('d');
    }
  });

  it("links each viewer to the page where they work on the live article and on the revision", () => {
    expect(liveArticleHref(hani, 'L')).toBe('/desk/drafts/L');
    expect(liveArticleHref(ratna, 'L')).toBe('/desk/articles/L');
    expect(liveArticleHref(yusuf, 'L')).toBe('/desk/articles/L');
    const revision = { id: 'R', authors: [{ id: 'hani' }, { id: 'ratna' }] };
    expect(revisionHref(hani, revision)).toBe('/desk/drafts/R');
    // an editor who started it is one of its authors: they edit it
    expect(revisionHref(ratna, revision)).toBe('/desk/drafts/R');
    expect(revisionHref({ id: 'other', roles: ['editor'] }, revision)).toBe('/desk/articles/R');
    expect(revisionHref(yusuf, revision)).toBe('/desk/articles/R');
  });

  it('offers "Buang pembaruan" on a revision on its way to its authors and to editors only', () => {
    const revision = { status: 'draft', revisionOf: 'L', authors: [{ id: 'hani' }] };
    expect(mayDiscardRevision(hani, revision)).toBe(true);
    expect(mayDiscardRevision(ratna, revision)).toBe(true);
    expect(mayDiscardRevision(budi, revision)).toBe(false);
    expect(mayDiscardRevision(yusuf, revision)).toBe(false);
    for (const status of ['submitted', 'in_review', 'changes_requested', 'approved', 'scheduled']) expect(mayDiscardRevision(hani, { ...revision, status })).toBe(true);
    // gone live, cancelled or rejected: nothing left to discard; a plain article is no revision
    for (const status of ['applied', 'cancelled', 'rejected']) expect(mayDiscardRevision(ratna, { ...revision, status })).toBe(false);
    expect(mayDiscardRevision(ratna, { ...revision, revisionOf: null })).toBe(false);
  });
});
