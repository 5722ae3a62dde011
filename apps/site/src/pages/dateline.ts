import { STRINGS } from '@newsroom/html';

/**
 * The article page's dateline, as the portal prints it:
 * `KAMIS, 05 DESEMBER 2024 | 16:38 WIB | LAPORAN: HANI FATUNNISA`, from the
 * local display time (`Kamis, 05 Desember 2024 | 16:38 WIB`) and the reporter.
 */
export function articleDateline(publishedAtDisplay: string, reporterName: string): string {
  return `${publishedAtDisplay} | ${STRINGS.reportBy}: ${reporterName}`.toLocaleUpperCase('id-ID');
}
