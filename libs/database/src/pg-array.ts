/**
 * A Postgres array literal (`{"a","b"}`) for raw queries. MikroORM's raw
 * `execute()` expands a JS array parameter into a list of values, which is
 * right for `in (?)` but wrong for `= any(?::uuid[])` or `?::text[]`.
 */
export function pgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
