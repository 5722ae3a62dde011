import { isPreviewTokenShaped, newPreviewToken, previewTokenHash } from './preview-token';

describe('preview tokens', () => {
  it('are 256 random bits, URL-safe, and never the same twice', () => {
    const tokens = Array.from({ length: 100 }, () => newPreviewToken().token);
    expect(new Set(tokens).size).toBe(100);
    for (const token of tokens) expect(isPreviewTokenShaped(token)).toBe(true);
  });

  it('are kept only as their SHA-256, which an altered token does not match', () => {
    const { token, hash } = newPreviewToken();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
    expect(previewTokenHash(token)).toBe(hash);
    const altered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(previewTokenHash(altered)).not.toBe(hash);
  });

  it('refuses what cannot be a token before any lookup', () => {
    expect(isPreviewTokenShaped('')).toBe(false);
    expect(isPreviewTokenShaped('x'.repeat(42))).toBe(false);
    expect(isPreviewTokenShaped(`${'x'.repeat(42)}/`)).toBe(false);
    expect(isPreviewTokenShaped(`${'x'.repeat(42)}%`)).toBe(false);
  });
});
