/** Database errors the callers act on, recognised the same way on SQLite and PostgreSQL. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && /unique/i.test(error.message);
}
