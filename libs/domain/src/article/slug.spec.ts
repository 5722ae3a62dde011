import { isPossibleSlug, slugCandidate, slugify } from './slug';

describe('slugify', () => {
  it.each([
    ['Pakta Pertahanan Korut-Rusia Mulai Berlaku', 'pakta-pertahanan-korut-rusia-mulai-berlaku'],
    ['Pakta Pertahanan Korut-Rusia Mulai Berlaku, Blok Barat Waspada', 'pakta-pertahanan-korut-rusia-mulai-berlaku-blok-barat-waspada'],
    ['  Harga BBM Naik 10%: Apa Kata Warga?  ', 'harga-bbm-naik-10-apa-kata-warga'],
    ["Jum'at Berkah di Masjid Istiqlal", 'jumat-berkah-di-masjid-istiqlal'],
    ['Kafé & Résumé: Tren Kopi 2025', 'kafe-resume-tren-kopi-2025'],
    ['"Kami Siap," Kata Menteri', 'kami-siap-kata-menteri'],
  ])('%s -> %s', (headline, slug) => {
    expect(slugify(headline)).toBe(slug);
  });

  it('cuts long headlines at a word boundary, never mid-word', () => {
    const slug = slugify('Pemerintah Provinsi Jawa Barat Mengumumkan Rencana Pembangunan Jalan Tol Baru yang Menghubungkan Bandung dan Cirebon');
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toBe('pemerintah-provinsi-jawa-barat-mengumumkan-rencana-pembangunan-jalan-tol-baru');
  });

  it('gives something usable for a headline without latin letters', () => {
    expect(slugify('!!!')).toBe('artikel');
  });
});

describe('slugCandidate', () => {
  it('keeps the base first, then numbers clashes from 2', () => {
    expect([1, 2, 3].map((n) => slugCandidate('pakta', n))).toEqual(['pakta', 'pakta-2', 'pakta-3']);
  });
});

describe('isPossibleSlug', () => {
  it.each(['pakta-pertahanan-korut-rusia-mulai-berlaku', 'dunia', 'harga-bbm-naik-10-apa-kata-warga-2', 'a'.repeat(120)])('accepts %s', (slug) => {
    expect(isPossibleSlug(slug)).toBe(true);
  });

  it.each(['', 'Dunia', '-dunia', 'dunia-', 'dunia--baru', '..', '../../etc/passwd', 'dunia/x', 'kafé', 'a b', 'a%2fb', 'a'.repeat(121), 'a'.repeat(10_240)])(
    'refuses %s',
    (value) => {
      expect(isPossibleSlug(value)).toBe(false);
    },
  );

  it('accepts every slug slugify makes, clash suffixes included', () => {
    for (const headline of ['Pakta Pertahanan Korut-Rusia', "Jum'at Berkah", '!!!', 'Kafé & Résumé', 'x'.repeat(300), `${'kata '.repeat(40)}`]) {
      expect(isPossibleSlug(slugify(headline))).toBe(true);
      expect(isPossibleSlug(slugCandidate(slugify(headline), 12))).toBe(true);
    }
  });
});
