import { formatNewsroomTime } from '@newsroom/domain';
import { articleDateline } from './dateline';

describe('the article dateline', () => {
  it('is the local time in upper case, then the reporter', () => {
    const display = formatNewsroomTime(new Date('2024-12-05T09:38:00Z'), 'Asia/Jakarta');
    expect(articleDateline(display, ['Hani Fatunnisa'])).toBe('KAMIS, 05 DESEMBER 2024 | 16:38 WIB | LAPORAN: HANI FATUNNISA');
  });
});

describe('the dateline of an article by several', () => {
  it('names every author in byline order, joined with commas', () => {
    const display = formatNewsroomTime(new Date('2024-12-05T09:38:00Z'), 'Asia/Jakarta');
    expect(articleDateline(display, ['Hani Fatunnisa', 'Budi Santoso', 'Tim <b>Liputan</b>'])).toBe(
      'KAMIS, 05 DESEMBER 2024 | 16:38 WIB | LAPORAN: HANI FATUNNISA, BUDI SANTOSO, TIM <B>LIPUTAN</B>',
    );
  });
});
