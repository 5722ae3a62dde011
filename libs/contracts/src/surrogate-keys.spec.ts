import { isKeyableSlug, SurrogateKey, surrogateKeysOfArticleChange } from './surrogate-keys';

describe('surrogate keys of an article change', () => {
  const change = { articleId: '0b9c6f1e-1111-4a4a-9999-000000000001', rubricSlug: 'dunia' };

  it('names the article, its rubric and every list that may hold it, not the side blocks of other pages', () => {
    expect(surrogateKeysOfArticleChange(change)).toEqual([`article-${change.articleId}`, 'rubric-dunia', 'latest', 'popular', 'home']);
  });

  it('also names the 404 kept for its slug, so a publication ends it', () => {
    expect(surrogateKeysOfArticleChange({ ...change, slug: 'harga-beras-turun' })).toContain(SurrogateKey.missing('harga-beras-turun'));
  });

  it('keys only slugs that could be published (ASCII without spaces or commas, which xkey splits on)', () => {
    expect(isKeyableSlug('harga-beras-turun-2')).toBe(true);
    for (const odd of ['', 'a b', 'a,b', '../etc', 'Besar', 'é', '-awal', 'x'.repeat(201)]) expect(isKeyableSlug(odd)).toBe(false);
    expect(surrogateKeysOfArticleChange({ ...change, slug: 'a b' })).toHaveLength(5);
  });
});
