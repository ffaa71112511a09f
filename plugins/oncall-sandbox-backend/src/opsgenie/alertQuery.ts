import { DemoAlertPriority } from '../org/types';

/** Inclusive bounds of a time field (epoch ms). */
export interface TimeRange {
  min: number;
  max: number;
}

/**
 * A List Alerts search as the fake understands it: terms of Opsgenie's search syntax
 * (`field:value`, `field>value`, …) joined by `AND` (or by spaces).
 */
export interface AlertQuery {
  /** Team names or ids every match is routed to (`teams:"payments-team"`). */
  teams: string[];
  createdAt: TimeRange;
  updatedAt: TimeRange;
  status?: 'open' | 'closed';
  acknowledged?: boolean;
  priority?: DemoAlertPriority;
  alias?: string;
  tinyId?: string;
  /** Tags every match carries (`tag:"service:checkout-api"`). */
  tags: string[];
  /** Words every match's message contains (`message:latency`), lower-cased. */
  message: string[];
}

export type AlertQueryResult =
  | { ok: true; query: AlertQuery }
  | { ok: false; reason: string };

type Token =
  | { type: 'word'; text: string }
  | { type: 'quoted'; text: string }
  | { type: 'op'; text: string };

const OPERATORS = ['>=', '<=', ':', '=', '>', '<'];

function operatorAt(text: string, at: number): string | undefined {
  return OPERATORS.find(o => text.startsWith(o, at));
}

function tokenize(text: string): Token[] | string {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      return 'grouping with parentheses is not supported';
    }
    if (c === '"') {
      let value = '';
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) {
          i++;
        }
        value += text[i];
        i++;
      }
      if (i >= text.length) {
        return 'a quoted value is not closed';
      }
      i++;
      tokens.push({ type: 'quoted', text: value });
      continue;
    }
    const op = operatorAt(text, i);
    if (op) {
      tokens.push({ type: 'op', text: op });
      i += op.length;
      continue;
    }
    let word = '';
    while (
      i < text.length &&
      !/\s/.test(text[i]) &&
      !'"()'.includes(text[i]) &&
      operatorAt(text, i) === undefined
    ) {
      word += text[i];
      i++;
    }
    tokens.push({ type: 'word', text: word });
  }
  return tokens;
}

const FIELDS = [
  'teams',
  'createdAt',
  'updatedAt',
  'status',
  'acknowledged',
  'priority',
  'alias',
  'tinyId',
  'tag',
  'message',
] as const;
type Field = (typeof FIELDS)[number];

const FIELD_BY_NAME = new Map<string, Field>([
  ...FIELDS.map((f): [string, Field] => [f.toLowerCase(), f]),
  ['tags', 'tag'],
]);

const EPOCH_MS = /^\d{1,15}$/;

function applyTime(
  range: TimeRange,
  field: string,
  op: string,
  value: string,
): string | undefined {
  if (!EPOCH_MS.test(value)) {
    return `${field} needs a time in epoch milliseconds, e.g. ${field}>1700000000000 (got "${value}")`;
  }
  const t = Number(value);
  if (op === '>') range.min = Math.max(range.min, t + 1);
  else if (op === '>=') range.min = Math.max(range.min, t);
  else if (op === '<') range.max = Math.min(range.max, t - 1);
  else if (op === '<=') range.max = Math.min(range.max, t);
  else {
    range.min = Math.max(range.min, t);
    range.max = Math.min(range.max, t);
  }
  return undefined;
}

function applyTerm(
  query: AlertQuery,
  field: Field,
  op: string,
  value: string,
): string | undefined {
  if (field === 'createdAt' || field === 'updatedAt') {
    return applyTime(query[field], field, op, value);
  }
  if (op !== ':' && op !== '=') {
    return `${field} is compared with ":" (got "${op}")`;
  }
  switch (field) {
    case 'teams':
      query.teams.push(value);
      return undefined;
    case 'status': {
      const status = value.toLowerCase();
      if (status !== 'open' && status !== 'closed') {
        return `status is open or closed (got "${value}")`;
      }
      if (query.status && query.status !== status) {
        query.createdAt.max = Number.NEGATIVE_INFINITY;
      }
      query.status = status;
      return undefined;
    }
    case 'acknowledged': {
      const flag = value.toLowerCase();
      if (flag !== 'true' && flag !== 'false') {
        return `acknowledged is true or false (got "${value}")`;
      }
      query.acknowledged = flag === 'true';
      return undefined;
    }
    case 'priority': {
      const priority = value.toUpperCase();
      if (
        priority !== 'P1' &&
        priority !== 'P2' &&
        priority !== 'P3' &&
        priority !== 'P4' &&
        priority !== 'P5'
      ) {
        return `priority is one of P1, P2, P3, P4, P5 (got "${value}")`;
      }
      query.priority = priority;
      return undefined;
    }
    case 'alias':
      query.alias = value;
      return undefined;
    case 'tinyId':
      query.tinyId = value;
      return undefined;
    case 'tag':
      query.tags.push(value);
      return undefined;
    case 'message':
      query.message.push(value.toLowerCase());
      return undefined;
    default:
      return `${field} is not a searchable field`;
  }
}

/**
 * Parses the `query` parameter of List Alerts. Supported: the fields `teams`, `createdAt`,
 * `updatedAt` (epoch ms with `>`, `>=`, `<`, `<=` or `:`), `status` (open|closed),
 * `acknowledged` (true|false), `priority`, `alias`, `tinyId`, `tag`, `message`; values bare
 * or in double quotes; terms joined by `AND` or spaces. `OR`, `NOT` and parentheses are not.
 */
export function parseAlertQuery(text: string): AlertQueryResult {
  const query: AlertQuery = {
    teams: [],
    createdAt: {
      min: Number.NEGATIVE_INFINITY,
      max: Number.POSITIVE_INFINITY,
    },
    updatedAt: {
      min: Number.NEGATIVE_INFINITY,
      max: Number.POSITIVE_INFINITY,
    },
    tags: [],
    message: [],
  };
  const tokens = tokenize(text);
  if (typeof tokens === 'string') {
    return { ok: false, reason: tokens };
  }
  let i = 0;
  let expectTerm = true;
  while (i < tokens.length) {
    const token = tokens[i];
    const upper = token.type === 'word' ? token.text.toUpperCase() : '';
    if (upper === 'AND') {
      if (expectTerm) {
        return { ok: false, reason: 'AND needs a term on each side' };
      }
      expectTerm = true;
      i++;
      continue;
    }
    if (upper === 'OR' || upper === 'NOT') {
      return {
        ok: false,
        reason: `${upper} is not supported; join terms with AND`,
      };
    }
    if (token.type !== 'word') {
      return {
        ok: false,
        reason: `expected a field name, got "${token.text}"`,
      };
    }
    const field = FIELD_BY_NAME.get(token.text.toLowerCase());
    const op = tokens[i + 1];
    const value = tokens[i + 2];
    if (!op || op.type !== 'op') {
      return {
        ok: false,
        reason: `"${token.text}" needs a field and a value, e.g. status:open`,
      };
    }
    if (!field) {
      return {
        ok: false,
        reason: `unknown field "${token.text}"; known: ${FIELDS.join(', ')}`,
      };
    }
    if (!value || value.type === 'op') {
      return { ok: false, reason: `${field}${op.text} needs a value` };
    }
    const problem = applyTerm(query, field, op.text, value.text);
    if (problem) {
      return { ok: false, reason: problem };
    }
    expectTerm = false;
    i += 3;
  }
  if (expectTerm && tokens.length > 0) {
    return { ok: false, reason: 'the query ends with AND' };
  }
  return { ok: true, query };
}
