import { bodyText, readingMinutes, sanitizeBody, wordCount } from './body-html';

describe('sanitizeBody', () => {
  it('removes scripts, event handlers and javascript: links', () => {
    const html = sanitizeBody(
      '<p onclick="steal()">Halo<script>alert(1)</script></p><img src=x onerror="alert(2)"><a href="javascript:alert(3)">klik</a><iframe src="https://evil.test"></iframe>',
    );
    expect(html).not.toMatch(/script|onclick|onerror|javascript:|iframe|<img/i);
    expect(html).toContain('<p>Halo</p>');
    expect(html).toContain('klik');
  });

  it('keeps paragraphs, emphasis, links, lists, quotes and sub-headings', () => {
    const input =
      '<h2>Latar</h2><p><strong>Tegas</strong> dan <em>miring</em> <a href="https://antara.test/berita">sumber</a></p><ul><li>satu</li></ul><ol><li>dua</li></ol><blockquote><p>kutipan</p></blockquote><h3>Sub</h3>';
    expect(sanitizeBody(input)).toBe(input);
  });

  it('drops inline styles and classes', () => {
    expect(sanitizeBody('<p style="color:red" class="x">teks</p>')).toBe('<p>teks</p>');
  });

  it('makes links that open a new window unable to reach the page', () => {
    expect(sanitizeBody('<a href="https://x.test" target="_blank">x</a>')).toBe('<a href="https://x.test" target="_blank" rel="noopener noreferrer">x</a>');
  });
});

describe('word counts and reading time', () => {
  it('counts words of the text, not of the markup', () => {
    expect(bodyText('<p>Satu <em>dua</em></p><p>tiga&nbsp;empat</p>')).toBe('Satu dua tiga empat');
    expect(wordCount('<p>Satu <em>dua</em></p><p>tiga empat</p>')).toBe(4);
    expect(wordCount('<p></p>')).toBe(0);
  });

  it('rounds reading time up, at least one minute', () => {
    expect(readingMinutes(0)).toBe(1);
    expect(readingMinutes(200)).toBe(1);
    expect(readingMinutes(201)).toBe(2);
  });
});

describe('deeply nested bodies', () => {
  const nested = (levels: number) => '<blockquote>'.repeat(levels) + 'Isi' + '</blockquote>'.repeat(levels);

  it('keeps a body nested 64 levels deep', () => {
    expect(sanitizeBody(nested(64))).toBe(nested(64));
  });

  it('refuses 65 levels with a 400 domain error', () => {
    expect(() => sanitizeBody(nested(65))).toThrow(expect.objectContaining({ kind: 'invalid', code: 'ARTICLE.BODY_TOO_DEEP' }));
    expect(() => bodyText(nested(65))).toThrow(expect.objectContaining({ code: 'ARTICLE.BODY_TOO_DEEP' }));
  });

  it('refuses two megabytes of unclosed tags at once, where the parser alone took minutes', () => {
    const started = Date.now();
    expect(() => sanitizeBody('<b>'.repeat(650_000))).toThrow(expect.objectContaining({ code: 'ARTICLE.BODY_TOO_DEEP' }));
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('counts implied closes: a long run of sibling paragraphs and line breaks is not deep', () => {
    expect(() => sanitizeBody('<p>satu<p>dua<br>'.repeat(1000))).not.toThrow();
  });
});
