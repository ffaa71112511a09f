/*
 * The generators of bad input for the fuzzing test (security-input.test.ts): bad entity-ref
 * segments and kinds, junk, impossible dates, forged cursors, values that are not strings.
 */
import { ONCALL_ENTITY_KINDS } from '@oncall-for-backstage/plugin-oncall-common';
import fc from 'fast-check';

/** A generated bad request and what a correct API answers. */
export interface FuzzCase {
  category: string;
  method: string;
  url: string;
  token: string;
  body?: unknown;
  rawBody?: string;
  contentType?: string;
  /** Statuses that are correct for this input. */
  expect: number[];
  /** The message must mention one of these (case-insensitive); empty: any 4xx is fine. */
  names: string[];
  /** Send the path byte for byte (dot segments), not through fetch's URL normalisation. */
  rawPath?: boolean;
}

export const badSegment = fc.oneof(
  fc
    .string({ minLength: 1, maxLength: 40 })
    .filter(s => !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(s) && !/^\.+$/.test(s)),
  fc.constantFrom(
    '.hidden',
    '-x',
    '_x',
    'a b',
    'a/b',
    'a\\b',
    'é',
    '\u0000',
    '%',
    'a?b',
    '<script>',
    "'; drop table x;--",
  ),
  fc
    .string({ minLength: 254, maxLength: 600 })
    .map(s => `a${s.replace(/[^A-Za-z0-9]/g, 'b')}`),
);
export const badKind = fc
  .string({ minLength: 1, maxLength: 30 })
  .filter(
    s =>
      !(ONCALL_ENTITY_KINDS as readonly string[]).includes(s.toLowerCase()) &&
      s.trim() !== '' &&
      !s.includes('/'),
  );
export const junk = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.constantFrom(
    '-1',
    '0',
    '1e3',
    '1.5',
    'NaN',
    'Infinity',
    'null',
    '[]',
    '{}',
    '%00',
    '\u202e',
    '9'.repeat(40),
  ),
  fc.string({ minLength: 2000, maxLength: 6000 }),
);
export const badDate = fc.oneof(
  fc.constantFrom(
    'yesterday',
    '2026-13-01',
    '2026-02-30T99:00:00Z',
    '12/31/2026',
    '1e12',
    '',
    'now',
  ),
  // days and times that do not exist, which a lenient parser rolls over
  fc.constantFrom(
    '2024-02-30',
    '2023-02-29',
    '2026-04-31',
    '2026-11-31T10:00:00Z',
    '2026-11-29T24:30:00Z',
    '2026-11-29T10:00:00+25:00',
  ),
  fc.string({ maxLength: 30 }).filter(s => !/^\d{4}-\d{2}-\d{2}/.test(s)),
);
export const badCursor = fc.oneof(
  fc.string({ minLength: 1, maxLength: 80 }),
  fc.base64String({ minLength: 4, maxLength: 200 }),
  fc
    .jsonValue()
    .map(v => Buffer.from(JSON.stringify(v)).toString('base64url'))
    .filter(s => s.length > 0),
  fc
    .record({
      v: fc.constant(1),
      s: fc.integer(),
      i: fc.string({ minLength: 1, maxLength: 10 }),
      q: fc.string({ minLength: 16, maxLength: 16 }),
    })
    .map(v => Buffer.from(JSON.stringify(v)).toString('base64url')),
  fc.string({ minLength: 513, maxLength: 2000 }),
);
export const notAString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 })),
);
/** Invalid page bodies and the fields their error must name. */
export const badPageBody = fc.oneof(
  fc
    .record({ message: notAString })
    .map(b => ({ body: b, names: ['message'] })),
  fc
    .record({ priority: fc.constantFrom('P1', 'P3') })
    .map(b => ({ body: b, names: ['message'] })),
  fc
    .constantFrom('', '   ', '\n\t')
    .map(m => ({ body: { message: m }, names: ['message'] })),
  fc.string({ minLength: 131, maxLength: 1000 }).map(m => ({
    body: { message: `x${m}`.padEnd(131, 'x') },
    names: ['message'],
  })),
  fc
    .oneof(
      fc
        .string({ maxLength: 5 })
        .filter(p => !['P1', 'P2', 'P3', 'P4', 'P5'].includes(p)),
      fc.integer(),
      fc.constant(null),
    )
    .map(p => ({
      body: { message: 'ok', priority: p },
      names: ['priority'],
    })),
  notAString
    .map(d => ({
      body: { message: 'ok', description: d },
      names: ['description'],
    }))
    .filter(c => typeof c.body.description !== 'string'),
  fc
    .stringMatching(/^[a-z]{3,12}$/)
    .filter(k => !['message', 'priority', 'description'].includes(k))
    .map(k => ({ body: { message: 'ok', [k]: 1 }, names: [k] })),
  fc
    .oneof(
      fc.integer(),
      fc.array(fc.integer(), { maxLength: 3 }),
      fc.constant('text'),
    )
    .map(b => ({ body: b, names: ['request', 'message', 'object', 'json'] })),
);
