import { DomainError } from '../errors';
import { parseSearchQuery, typoCandidates, typoVariants } from './search-query';
import { encodeSearchCursor, parseSearchCursor, searchFingerprint } from './search-cursor';
import { snippetHtml } from './search-snippet';
import { tagSlug } from '../article/tag-slug';

describe('reading a search box', () => {
  it('takes words, quoted phrases and -word', () => {
    expect(parseSearchQuery('pakta "korea utara" -rusia')).toEqual({
      include: [
        { words: ['pakta'], phrase: false },
        { words: ['korea', 'utara'], phrase: true },
      ],
      exclude: [{ words: ['rusia'], phrase: false }],
    });
  });

  it('turns tsquery syntax, markup and odd bytes into separators, never into operators', () => {
    const parsed = parseSearchQuery(`a & b | !c:* (d) 'e' <script>\u0000\uFFFF`);
    expect(parsed.include.flatMap((t) => t.words)).toEqual(['a', 'b', 'c', 'd', 'e', 'script']);
    expect(parseSearchQuery('& | ! : * ( ) \' "')).toEqual({ include: [], exclude: [] });
  });

  it('refuses an empty or over-long query with a 400', () => {
    for (const q of ['', '   ', 'x'.repeat(201)]) {
      expect(() => parseSearchQuery(q)).toThrow(DomainError);
    }
    expect(parseSearchQuery('x'.repeat(200)).include).toHaveLength(1);
  });

  it('an unclosed quote runs to the end; a hyphenated word needs each part', () => {
    expect(parseSearchQuery('"pakta pertahanan').include).toEqual([{ words: ['pakta', 'pertahanan'], phrase: true }]);
    expect(parseSearchQuery('korut-rusia').include).toEqual([{ words: ['korut'], phrase: false }, { words: ['rusia'], phrase: false }]);
  });

  it('forgives typos only in single words of five letters or more', () => {
    expect(typoCandidates(parseSearchQuery('pertahnan pajak kota "sepakat bersama" 12345'))).toEqual(['pertahnan', 'pajak']);
  });

  it('looks a mistyped word up as every spelling one letter added, dropped or changed away that the lexicon can hold', () => {
    const variants = typoVariants('pertahnan');
    expect(variants).toEqual(expect.arrayContaining(['pertahanan', 'pertahnn', 'pertahman', 'xpertahnan']));
    expect(variants).not.toContain('pertahnan');
    expect(new Set(variants).size).toBe(variants.length);
    // 9 dropped, 25 * 9 changed, 26 * 10 added, less the duplicates (a doubled letter dropped either way, ...)
    expect(variants.length).toBeGreaterThan(450);
    expect(variants.length).toBeLessThan(9 + 25 * 9 + 26 * 10);
    // the lexicon holds words of 5..32 letters a-z: nothing shorter, longer or of other letters is asked for
    expect(typoVariants('pajak').every((v) => /^[a-z]{5,32}$/.test(v))).toBe(true);
    expect(typoVariants('pajak')).not.toContain('pajk');
    expect(typoVariants('pértahanan')).toEqual(expect.arrayContaining(['pertahanan']));
    expect(typoVariants('pértahanan').every((v) => /^[a-z]+$/.test(v))).toBe(true);
    expect(typoVariants('a'.repeat(34))).toEqual([]);
  });
});

describe('search snippets', () => {
  it('escape the text and mark the matches, never the article\'s markup', () => {
    expect(snippetHtml('<script>alert(1)</script> akan \uE000mempertahankan\uE001 ]]>')).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt; akan <mark>mempertahankan</mark> ]]&gt;',
    );
  });
  it('close a mark left open', () => {
    expect(snippetHtml('\uE000a')).toBe('<mark>a</mark>');
  });
});

describe('search cursors', () => {
  const fingerprint = searchFingerprint(['pakta']);
  const position = { rank: '0.0759909', micros: '1733391480000000', id: '0b9c6f1e-1111-4a4a-9999-000000000001' };
  it('come back as they went', () => {
    expect(parseSearchCursor(encodeSearchCursor(position, fingerprint), fingerprint)).toEqual(position);
  });
  it('are refused when tampered with or carried to another search', () => {
    const cursor = encodeSearchCursor(position, fingerprint);
    expect(() => parseSearchCursor(cursor, searchFingerprint(['lain']))).toThrow(DomainError);
    expect(() => parseSearchCursor(cursor.slice(0, -3) + 'xyz', fingerprint)).toThrow(DomainError);
    expect(() => parseSearchCursor('x'.repeat(1000), fingerprint)).toThrow(DomainError);
    expect(() => parseSearchCursor(Buffer.from(`1_999999999999999999_${position.id}_${fingerprint}`).toString('base64url'), fingerprint)).toThrow(DomainError);
  });
});

describe('tag slugs', () => {
  it('are ASCII words joined by hyphens, accents folded', () => {
    expect(tagSlug('Korea Utara')).toBe('korea-utara');
    expect(tagSlug('  café  ')).toBe('cafe');
    expect(tagSlug("Jum'at")).toBe('jumat');
  });
});
