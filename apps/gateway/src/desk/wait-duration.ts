/** A wait in seconds as the desk shows it: `45 dtk`, `12 mnt`, `1 j 05 mnt` (null: nothing measured). */
export function waitDuration(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 60) return `${seconds} dtk`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} mnt`;
  return `${Math.floor(minutes / 60)} j ${String(minutes % 60).padStart(2, '0')} mnt`;
}
