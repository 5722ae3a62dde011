/** Fewer distinct characters than this: one character repeated, or a short pattern over and over. */
const MIN_DISTINCT_CHARACTERS = 8;

/**
 * Production's floor for a secret (a signing key, a salt): long enough, and
 * not guessable by its shape. The problem to report, or null.
 */
export function weakSecretProblem(name: string, value: string, minLength: number): string | null {
  if (value.length < minLength) return `${name}: production needs at least ${minLength} characters`;
  if (new Set(value).size < MIN_DISTINCT_CHARACTERS) {
    return `${name}: too weak for production (fewer than ${MIN_DISTINCT_CHARACTERS} distinct characters); use a random value, e.g. \`openssl rand -base64 48\``;
  }
  return null;
}
