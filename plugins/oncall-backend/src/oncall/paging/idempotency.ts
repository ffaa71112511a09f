import { createHash } from 'node:crypto';
import { InputError } from '@backstage/errors';

/** The request header a client sets to make a page safe to retry. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

const KEY_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Reads the optional `Idempotency-Key` header: 1–128 characters of letters, digits, `.`, `_`,
 * `:` and `-` (a UUID fits). Anything else, a repeated header included, is a 400 naming it.
 */
export function readIdempotencyKey(
  value: string | string[] | undefined,
): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string' || !KEY_PATTERN.test(value)) {
    throw new InputError(
      `${IDEMPOTENCY_KEY_HEADER} header must be 1–128 characters of letters, digits, '.', '_', ':' and '-' (sent once)`,
    );
  }
  return value;
}

/**
 * The alert's de-duplication key. With an idempotency key it is derived from the caller, the
 * entity and the key, so a retry folds into the alert the first attempt raised, and one
 * caller's key can never touch another caller's (or a monitor's) alert; without one, every
 * page is its own alert.
 */
export function pageDedupKey(
  options: { caller: string; entityRef: string; idempotencyKey?: string },
  random: () => string,
): string {
  if (!options.idempotencyKey) {
    return `backstage-page-${random()}`;
  }
  const digest = createHash('sha256')
    .update(
      JSON.stringify([
        options.caller,
        options.entityRef,
        options.idempotencyKey,
      ]),
    )
    .digest('hex')
    .slice(0, 40);
  return `backstage-page-${digest}`;
}
