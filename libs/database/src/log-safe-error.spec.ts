import { DriverException, UniqueConstraintViolationException } from '@mikro-orm/core';
import { logSafeError, logSafeStack, statementName } from './log-safe-error';

const HASH = 'scrypt$32768$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA==';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';

/** What pg throws: the DatabaseError fields, the SQL with values inlined by MikroORM in front of the message. */
function pgError(message: string, fields: Record<string, string>): Error {
  return Object.assign(new Error(message), { name: 'DatabaseError', severity: 'ERROR', routine: 'x', ...fields });
}

describe('logSafeError', () => {
  it('names an insert that failed by class, SQLSTATE and table, without the email or the password hash', () => {
    const error = pgError(
      `insert into "users" ("email", "name", "password_hash") values ('bocor\u0000@newsroom.test', 'Rahasia Nama', '${HASH}') returning "id" - invalid byte sequence for encoding "UTF8": 0x00`,
      { code: '22021' },
    );
    const line = logSafeError(error);
    expect(line).toBe('DatabaseError (PG 22021), in insert into "users"');
    for (const secret of ['bocor', 'Rahasia', 'scrypt', '$32768', '0x00']) expect(line).not.toContain(secret);
  });

  it('does the same for MikroORM\'s DriverException, and names the constraint of a unique violation but not the key', () => {
    const previous = pgError(`insert into "users" ("email") values ('siti@newsroom.test') - duplicate key value violates unique constraint "users_email_unique"`, {
      code: '23505',
      constraint: 'users_email_unique',
      table: 'users',
      detail: 'Key (email)=(siti@newsroom.test) already exists.',
    });
    const line = logSafeError(new UniqueConstraintViolationException(previous));
    expect(line).toBe('UniqueConstraintViolationException (PG 23505), in insert into "users", table users, constraint users_email_unique');
    expect(line).not.toContain('siti');
  });

  it('keeps a select\'s table but not the number that overflowed a bigint', () => {
    const error = new DriverException(
      pgError(`select a.id from articles a where (a.published_at, a.id) < (timestamptz 'epoch' + '99999999999999999999'::bigint * interval '1 microsecond', 'x'::uuid) - value "99999999999999999999" is out of range for type bigint`, { code: '22003' }),
    );
    expect(logSafeError(error)).toBe('DriverException (PG 22003), in select from articles');
  });

  it('reads a statement name from SQL only outside its literals', () => {
    expect(statementName(`select 'x from secret_table' as a from "users" where email = 'a'`)).toBe('select from "users"');
    expect(statementName(`update "articles" set "headline" = 'Banjir' where "id" = 'a'`)).toBe('update "articles"');
    expect(statementName(`delete from webhooks where id = $1`)).toBe('delete from webhooks');
    expect(statementName(`select 1`)).toBe('select');
    expect(statementName(`vacuum`)).toBe('a statement');
  });

  it('treats any message that starts as SQL as a statement, whatever threw it', () => {
    expect(logSafeError(new Error(`update "users" set "password_hash" = '${HASH}'`))).toBe('Error, in update "users"');
  });

  it('keeps other messages but blanks password hashes, tokens and credentials in them', () => {
    expect(logSafeError(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe("TypeError: Cannot read properties of undefined (reading 'id')");
    const line = logSafeError(new Error(`could not verify ${HASH} for Bearer ${TOKEN} nor ${TOKEN}`));
    expect(line).not.toContain('scrypt');
    expect(line).not.toContain(TOKEN);
    expect(line).toBe('Error: could not verify [redacted] for Bearer [redacted] nor [redacted]');
  });

  it('follows a cause, safely too', () => {
    const cause = pgError(`select * from "users" where "email" = 'rahasia@newsroom.test' - canceling statement due to statement timeout`, { code: '57014' });
    expect(logSafeError(new Error('login failed', { cause }))).toBe('Error: login failed; caused by DatabaseError (PG 57014), in select from "users"');
  });

  it('describes things thrown that are not errors without printing them', () => {
    expect(logSafeError(HASH)).toBe('thrown string');
  });

  it('gives the stack frames without the message line', () => {
    const error = new Error(`insert into "users" values ('${HASH}')`);
    const stack = logSafeStack(error)!;
    expect(stack).toMatch(/^\s+at /);
    expect(stack).not.toContain('scrypt');
  });
});
