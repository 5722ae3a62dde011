/**
 * A reader's browser, for requests that must count as a person's views: isbot
 * takes Node's own fetch ("node") and curl for crawlers, which count zero.
 */
export const BROWSER_USER_AGENT = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36';
