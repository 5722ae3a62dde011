import { backQuery, deskBack, flashMessage, knownNotice, withFlash } from './desk-flash';

describe('the desk\'s flash messages and the pages forms return to', () => {
  it('shows only the desk\'s own words for a known key', () => {
    expect(flashMessage('scheduled')).toBe('Dijadwalkan');
    expect(flashMessage('unpublished')).toBe('Ditarik dari situs');
    expect(flashMessage('<script>alert(1)</script>')).toBeUndefined();
    expect(flashMessage('toString')).toBeUndefined();
    expect(flashMessage(['scheduled'])).toBeUndefined();
    expect(flashMessage(undefined)).toBeUndefined();
  });

  it('returns to a page under the form\'s home, and nowhere else', () => {
    expect(deskBack('/desk/schedule?view=day&date=2024-12-06', '/desk/schedule')).toBe('/desk/schedule?view=day&date=2024-12-06');
    expect(deskBack('/desk/schedule', '/desk/schedule')).toBe('/desk/schedule');
    expect(deskBack('/desk/scheduler', '/desk/schedule')).toBe('/desk/schedule');
    expect(deskBack('//evil.example/desk/schedule', '/desk/schedule')).toBe('/desk/schedule');
    expect(deskBack('/\\evil.example/desk/schedule', '/desk/schedule')).toBe('/desk/schedule');
    expect(deskBack('https://evil.example/desk/schedule', '/desk/schedule')).toBe('/desk/schedule');
    expect(deskBack('/desk/review', '/desk/schedule')).toBe('/desk/schedule');
    expect(deskBack(undefined, '/desk/published')).toBe('/desk/published');
  });

  it('adds the flash key to the page, replacing an earlier one, and reads a page\'s query back', () => {
    expect(withFlash('/desk/schedule?view=day&date=2024-12-06', 'scheduled')).toBe('/desk/schedule?view=day&date=2024-12-06&ok=scheduled');
    expect(withFlash('/desk/published?ok=unpublished', 'corrected')).toBe('/desk/published?ok=corrected');
    expect(withFlash('/desk/articles/abc', 'corrected')).toBe('/desk/articles/abc?ok=corrected');
    expect(backQuery('/desk/schedule?view=day&date=2024-12-06')).toEqual({ view: 'day', date: '2024-12-06' });
  });

  it('says only its own notices after a redirect, whatever the URL asks for', () => {
    const notices = { created: 'Rubrik dibuat.' };
    expect(knownNotice('created', notices)).toBe('Rubrik dibuat.');
    expect(knownNotice(undefined, notices)).toBeUndefined();
    expect(knownNotice('constructor', notices)).toBeUndefined();
    expect(knownNotice('toString', notices)).toBeUndefined();
  });
});
