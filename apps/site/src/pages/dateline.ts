import { joinByline } from '@newsroom/domain';
import { STRINGS } from '@newsroom/html';

/**
 * The article page's dateline, as the portal prints it:
 * `KAMIS, 05 DESEMBER 2024 | 16:38 WIB | LAPORAN: HANI FATUNNISA, BUDI SANTOSO`,
 * from the local display time (`Kamis, 05 Desember 2024 | 16:38 WIB`) and the
 * byline's names in order, joined with commas.
 */
export function articleDateline(publishedAtDisplay: string, authorNames: string[]): string {
  return `${publishedAtDisplay} | ${STRINGS.reportBy}: ${joinByline(authorNames)}`.toLocaleUpperCase('id-ID');
}
