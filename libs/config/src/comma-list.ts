/** A comma-separated setting (NEWSROOM_TRUSTED_PROXIES, NEWSROOM_WEBHOOK_ALLOWED_HOSTS) as a list, blanks dropped. */
export function commaList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}
