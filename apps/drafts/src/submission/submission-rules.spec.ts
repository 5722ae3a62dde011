import { bodyStats, completenessProblems, curlQuotes, normalizeBody, normalizeSubmission, SubmissionContent } from './submission-rules';

const twentyWords = Array.from({ length: 20 }, (_, i) => `kata${i + 1}`).join(' ');

function content(overrides: Partial<SubmissionContent> = {}): SubmissionContent {
  return {
    headline: 'Pakta Pertahanan Korut-Rusia Mulai Berlaku',
    lead: 'Perjanjian itu resmi berlaku.',
    body: `<p>${twentyWords}</p>`,
    rubricSlug: 'dunia',
    image: { url: 'https://img.newsroom.test/a.jpg', caption: 'Kim dan Putin', credit: 'Net' },
    ...overrides,
  };
}

describe('curlQuotes', () => {
  it('turns pairs of straight double quotes into typographic ones', () => {
    expect(curlQuotes('Putin: "Kami siap" dan "tidak mundur"')).toBe('Putin: “Kami siap” dan “tidak mundur”');
  });

  it('leaves an unpaired quote and single quotes alone', () => {
    expect(curlQuotes('Ukuran 5" layar')).toBe('Ukuran 5" layar');
    expect(curlQuotes("Jum'at")).toBe("Jum'at");
  });
});

describe('normalizeBody', () => {
  it('collapses whitespace runs and drops empty paragraphs', () => {
    expect(normalizeBody('<p>Satu   dua\n\ttiga</p>\n<p>  </p><p>&nbsp;</p><p><br></p>\n<p>empat</p>')).toBe('<p>Satu dua tiga</p><p>empat</p>');
  });

  it('drops the whitespace just inside and between blocks', () => {
    expect(normalizeBody('<blockquote> <p> kutipan </p> </blockquote>\n<ul> <li> satu </li> </ul>')).toBe('<blockquote><p>kutipan</p></blockquote><ul><li>satu</li></ul>');
  });

  it('keeps the space between inline elements', () => {
    expect(normalizeBody('<p><em>satu</em> <strong>dua</strong></p>')).toBe('<p><em>satu</em> <strong>dua</strong></p>');
  });

  it('sanitizes again: scripts and handlers are gone, structure stays', () => {
    expect(normalizeBody('<p onclick="x()">a <em>b</em></p><script>alert(1)</script><h2>c</h2>')).toBe('<p>a <em>b</em></p><h2>c</h2>');
  });
});

describe('normalizeSubmission', () => {
  it('trims and tidies headline, lead, caption and credit, and curls quotes in headline and lead', () => {
    const tidy = normalizeSubmission(
      content({
        headline: '  Putin:  "Kami siap"  ',
        lead: ' Kata  "dia" ',
        image: { url: ' https://img.newsroom.test/a.jpg ', caption: '  Kim  dan Putin ', credit: ' Net ' },
      }),
    );
    expect(tidy).toMatchObject({
      headline: 'Putin: “Kami siap”',
      lead: 'Kata “dia”',
      image: { url: 'https://img.newsroom.test/a.jpg', caption: 'Kim dan Putin', credit: 'Net' },
    });
  });

  it('turns a blank lead into no lead', () => {
    expect(normalizeSubmission(content({ lead: '   ' })).lead).toBeNull();
  });

  it('changes nothing in content that is already tidy', () => {
    const tidy = content();
    expect(normalizeSubmission(tidy)).toEqual(tidy);
  });
});

describe('completenessProblems', () => {
  it('accepts complete content', () => {
    expect(completenessProblems(content())).toEqual([]);
  });

  it('accepts an article without an image', () => {
    expect(completenessProblems(content({ image: null }))).toEqual([]);
  });

  it('needs at least 20 words in the body', () => {
    expect(completenessProblems(content({ body: '<p>Terlalu pendek.</p>' }))).toEqual(['the body has 2 words; at least 20 are needed']);
  });

  it('needs a caption and a credit for an image', () => {
    expect(completenessProblems(content({ image: { url: 'https://img.newsroom.test/a.jpg', caption: '', credit: '' } }))).toEqual([
      'the image needs a caption',
      'the image needs a credit',
    ]);
  });

  it('needs a rubric and a headline of at most 200 characters', () => {
    expect(completenessProblems(content({ rubricSlug: null, headline: 'x'.repeat(201) }))).toEqual([
      'the headline has 201 characters; at most 200 are allowed',
      'the article has no rubric',
    ]);
    expect(completenessProblems(content({ headline: '' }))).toEqual(['the headline is empty']);
  });
});

describe('bodyStats', () => {
  it('counts words of the text, not the markup, and rounds reading time up', () => {
    expect(bodyStats(`<p>${twentyWords}</p><p><em>satu</em> dua</p>`)).toEqual({ wordCount: 22, readingMinutes: 1 });
    expect(bodyStats(`<p>${'kata '.repeat(201)}</p>`)).toEqual({ wordCount: 201, readingMinutes: 2 });
  });
});
