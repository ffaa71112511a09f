import { InputError } from '@backstage/errors';
import { createHash } from 'node:crypto';
import { z } from 'zod';

const payloadSchema = z
  .object({
    v: z.literal(1),
    /** Position: start time (epoch ms) and id of the last item of the previous page. */
    s: z.number().int(),
    i: z.string().min(1).max(64),
    /** Digest of the query the cursor belongs to. */
    q: z.string().length(16),
  })
  .strict();

/** A digest of a query's identity, so a cursor only continues the query that issued it. */
export function queryDigest(parts: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(parts))
    .digest('base64url')
    .slice(0, 16);
}

/** An opaque cursor: base64url JSON holding the position and the query digest. */
export function encodeCursor(
  position: { startedAt: number; id: string },
  digest: string,
): string {
  return Buffer.from(
    JSON.stringify({ v: 1, s: position.startedAt, i: position.id, q: digest }),
  ).toString('base64url');
}

/**
 * Reads a cursor issued for the same query; anything else (garbled, forged, or from another
 * query) is a 400 naming `cursor`.
 */
export function decodeCursor(
  cursor: string,
  digest: string,
): { startedAt: number; id: string } {
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) {
      throw new Error('not base64url');
    }
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InputError('cursor: is not a cursor this API issued');
  }
  const result = payloadSchema.safeParse(parsed);
  if (!result.success) {
    throw new InputError('cursor: is not a cursor this API issued');
  }
  if (result.data.q !== digest) {
    throw new InputError(
      'cursor: belongs to a different query; start again without it',
    );
  }
  return { startedAt: result.data.s, id: result.data.i };
}
