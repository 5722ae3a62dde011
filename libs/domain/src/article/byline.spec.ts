import { authorsOfNewDraft, bylineNames, guestBylinesFrom, joinByline, normalizeGuestByline } from './byline';

describe('byline', () => {
  it('keeps a guest byline as typed, markup included, with its whitespace made single spaces', () => {
    expect(normalizeGuestByline('  Tim\n<b>Liputan</b>\t Khusus ')).toBe('Tim <b>Liputan</b> Khusus');
  });

  it('refuses an empty, blank or over-long guest byline, and one listed twice', () => {
    expect(() => guestBylinesFrom(['   '])).toThrow(expect.objectContaining({ code: 'AUTHORS.BAD_GUEST_BYLINE' }));
    expect(() => guestBylinesFrom(['x'.repeat(81)])).toThrow(expect.objectContaining({ code: 'AUTHORS.BAD_GUEST_BYLINE' }));
    expect(guestBylinesFrom(['x'.repeat(80)])).toEqual(['x'.repeat(80)]);
    expect(() => guestBylinesFrom(['Antara', ' Antara'])).toThrow(expect.objectContaining({ code: 'AUTHORS.DUPLICATE' }));
  });

  it('puts the creator of a new draft first unless the list names them', () => {
    expect(authorsOfNewDraft('hani', undefined)).toEqual(['hani']);
    expect(authorsOfNewDraft('hani', ['budi'])).toEqual(['hani', 'budi']);
    expect(authorsOfNewDraft('hani', ['budi', 'hani'])).toEqual(['budi', 'hani']);
  });

  it('reads the stored byline back as names and joins them with commas', () => {
    expect(bylineNames('Hani Fatunnisa\nBudi Santoso\n')).toEqual(['Hani Fatunnisa', 'Budi Santoso']);
    expect(bylineNames('')).toEqual([]);
    expect(joinByline(['Hani Fatunnisa', 'Budi Santoso'])).toBe('Hani Fatunnisa, Budi Santoso');
  });
});
