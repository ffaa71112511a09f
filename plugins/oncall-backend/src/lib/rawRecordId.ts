/**
 * The id of a vendor record that could not be read, from its `field` when that is a string or
 * a number, so the skipped record can still be named in the log.
 */
export function rawRecordId(raw: unknown, field: string): string | undefined {
  if (typeof raw !== 'object' || raw === null) {
    return undefined;
  }
  const id: unknown = Reflect.get(raw, field);
  return typeof id === 'string' || typeof id === 'number'
    ? String(id)
    : undefined;
}
