/**
 * Turns any error into one line fit for the log. MikroORM and pg put the
 * failing SQL in the message WITH its values inlined (a user's email, a
 * password hash, a headline), and Postgres' own message and detail quote
 * values too (`value "…" is out of range`, `Key (email)=(…)`). So a database
 * error is told by its class, its SQLSTATE, the schema names Postgres reports
 * and a name for the statement (its verb and table, read from the SQL with
 * every literal removed), never by its message. Other errors keep their
 * message, with anything shaped like a password hash or a token blanked.
 */
export function logSafeError(error: unknown): string {
  if (!(error instanceof Error)) return `thrown ${typeof error}`;
  const line = isDatabaseError(error) || SQL_START.test(error.message) ? databaseLine(error) : `${error.name}: ${redactSecrets(error.message)}`;
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error && cause !== error ? `${line}; caused by ${logSafeError(cause)}` : line;
}

/** The stack's frames without its first line, which repeats the message. */
export function logSafeStack(error: unknown): string | undefined {
  if (!(error instanceof Error) || !error.stack) return undefined;
  return error.stack
    .split('\n')
    .filter((frame) => /^\s+at /.test(frame))
    .join('\n');
}

interface PgFields {
  code?: unknown;
  severity?: unknown;
  routine?: unknown;
  table?: unknown;
  column?: unknown;
  constraint?: unknown;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;
/** a message that starts as SQL carries the statement, values and all, whatever threw it */
const SQL_START = /^\s*(select|insert|update|delete|with)\s/i;

/** pg's DatabaseError or MikroORM's DriverException wrapping one (which copies its fields). */
function isDatabaseError(error: Error): boolean {
  const fields = error as PgFields;
  return typeof fields.code === 'string' && SQLSTATE.test(fields.code) && (typeof fields.severity === 'string' || typeof fields.routine === 'string' || /Exception$/.test(error.name));
}

function databaseLine(error: Error): string {
  const fields = error as PgFields;
  const names = (['table', 'column', 'constraint'] as const)
    .filter((key) => typeof fields[key] === 'string' && IDENTIFIER.test(fields[key] as string))
    .map((key) => `${key} ${fields[key] as string}`);
  const code = typeof fields.code === 'string' && SQLSTATE.test(fields.code) ? ` (PG ${fields.code})` : '';
  return [`${error.name}${code}`, `in ${statementName(error.message)}`, ...names].join(', ');
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/i;
const LITERALS = /'(?:[^']|'')*'|\$(\w*)\$[\s\S]*?\$\1\$/g;
const NAME = '("[a-z_][a-z0-9_]*"|[a-z_][a-z0-9_]*)';
const STATEMENTS: [RegExp, string][] = [
  [new RegExp(`^\\s*insert\\s+into\\s+${NAME}`, 'i'), 'insert into'],
  [new RegExp(`^\\s*update\\s+${NAME}`, 'i'), 'update'],
  [new RegExp(`^\\s*delete\\s+from\\s+${NAME}`, 'i'), 'delete from'],
  [new RegExp(`^\\s*(?:select|with)\\b[\\s\\S]*?\\bfrom\\s+${NAME}`, 'i'), 'select from'],
];

/** `insert into "users"`, `select from "articles"`, or just the verb: never a value. */
export function statementName(sql: string): string {
  const withoutLiterals = sql.replace(LITERALS, "''");
  for (const [pattern, verb] of STATEMENTS) {
    const match = pattern.exec(withoutLiterals);
    if (match) return `${verb} ${match[1]}`;
  }
  const verb = /^\s*(select|insert|update|delete|with|begin|commit|rollback|lock|call)\b/i.exec(withoutLiterals);
  return verb ? verb[1].toLowerCase() : 'a statement';
}

const SECRETS: RegExp[] = [
  /\bscrypt\$[^\s'",)]*/g, // password hashes (password-hasher.ts)
  /\$(?:argon2\w*|2[aby]?)\$[^\s'",)]*/g, // any other crypt-style hash
  /\beyJ[\w-]*\.[\w-]+\.[\w-]*/g, // JWTs
  /\b(Bearer|Basic)\s+\S+/gi,
];

function redactSecrets(text: string): string {
  return SECRETS.reduce((out, pattern) => out.replace(pattern, (_match, scheme?: string) => (typeof scheme === 'string' ? `${scheme} [redacted]` : '[redacted]')), text);
}
