import { authorChoices, draftFields, embargoInputValue, formValues } from './draft-form';

describe('the embargo field', () => {
  it('shows the embargo in local newsroom time, seconds only when set', () => {
    expect(embargoInputValue('2024-12-05T09:00:00.000Z', 'Asia/Jakarta')).toBe('2024-12-05 16:00');
    expect(embargoInputValue('2024-12-05T17:30:05Z', 'Asia/Jakarta')).toBe('2024-12-06 00:30:05');
    expect(embargoInputValue(null, 'Asia/Jakarta')).toBe('');
  });
});

describe('the byline fields', () => {
  const reporters = [
    { id: 'a', name: 'Budi Santoso' },
    { id: 'b', name: 'Hani Fatunnisa' },
    { id: 'c', name: 'Sari Dewi' },
  ];

  it('lists the byline\'s reporters first, ticked and in its order, then the others by name; a new draft ticks its writer', () => {
    expect(authorChoices(reporters, ['c', 'a'], 'b')).toEqual([
      { value: 'c', label: 'Sari Dewi', checked: true },
      { value: 'a', label: 'Budi Santoso', checked: true },
      { value: 'b', label: 'Hani Fatunnisa', checked: false },
    ]);
    expect(authorChoices(reporters, undefined, 'b').filter((c) => c.checked).map((c) => c.value)).toEqual(['b']);
  });

  it('posts the ticked authors in order and one guest byline a line, and leaves the staff byline alone when none is ticked', () => {
    expect(draftFields({ authors: ['c', 'a'], guestBylines: ' Tim <b>Liputan</b>\r\n\r\nKontributor Daerah ' })).toMatchObject({
      authors: ['c', 'a'],
      guestBylines: ['Tim <b>Liputan</b>', 'Kontributor Daerah'],
    });
    expect(draftFields({ authors: 'a' }).authors).toEqual(['a']);
    expect(draftFields({})).not.toHaveProperty('authors');
    expect(draftFields({}).guestBylines).toEqual([]);
  });
});

describe('the editor of a revision of a live article', () => {
  it("sends the content only: the byline and the embargo stay the live article's", () => {
    const form = { headline: ' Judul Baru ', body: '<p>Isi.</p>', rubric: 'nasional', tags: 'banjir, rob', authors: ['a'], guestBylines: 'Tim Liputan', embargoUntil: '2030-01-02 08:30', revisionOf: 'live-id' };
    expect(draftFields(form)).toEqual({ headline: 'Judul Baru', lead: null, body: '<p>Isi.</p>', rubric: 'nasional', image: null, priority: 'normal', tags: ['banjir', 'rob'] });
    // an article of its own (no revisionOf, or a blank one) keeps sending them
    expect(draftFields({ ...form, revisionOf: ' ' })).toMatchObject({ authors: ['a'], guestBylines: ['Tim Liputan'], embargoUntil: '2030-01-02 08:30' });
  });

  it('carries the live article\'s id in the form it fills', () => {
    const article = {
      headline: 'Judul', lead: null, body: '<p>Isi.</p>', rubric: { slug: 'nasional' }, image: null, priority: 'normal', embargoUntil: null, tags: [],
      authors: [{ id: 'a' }], guestBylines: [], version: 2,
    };
    expect(formValues({ ...article, revisionOf: 'live-id' }, 'Asia/Jakarta').revisionOf).toBe('live-id');
    expect(formValues({ ...article, revisionOf: null }, 'Asia/Jakarta').revisionOf).toBe('');
  });
});
