/** Input validation shared by the write modules: run a zod schema, or throw the caller's typed error. */

/** The part of a zod schema this needs (keeps the helper independent of zod's exact types). */
export interface SafeParser<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
}

/** Parses `value` or throws `fail("<what>: <first issue>")`. */
export function parseOrThrow<T>(schema: SafeParser<T>, value: unknown, what: string, fail: (message: string) => Error): T {
  const result = schema.safeParse(value);
  if (!result.success) throw fail(`${what}: ${result.error.issues[0]?.message ?? 'invalid'}`);
  return result.data;
}
