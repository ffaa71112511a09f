/** Options of {@link compareShape}; paths are dotted, with `[]` for array elements. @public */
export interface ShapeOptions {
  /** Objects at these paths may carry keys the sample lacks (the sample is known to be minimal). */
  extraKeysAt?: string[];
  /** Keys of the sample (full paths) the actual response may leave out. */
  optional?: string[];
  /** Objects at these paths are maps (e.g. keyed by timeframe): only their values are compared. */
  maps?: string[];
  /** Objects at these paths vary per record: missing or extra keys are fine, shared keys must match. */
  loose?: string[];
}

type JsonKind = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';

function kindOf(value: unknown): JsonKind {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  if (t === 'boolean' || t === 'number' || t === 'string') return t;
  return 'object';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return kindOf(value) === 'object';
}

/** Merges the sample's array elements into one element shape (union of keys). */
function mergeElements(items: unknown[]): unknown {
  const objects = items.filter(isRecord);
  if (objects.length !== items.length || objects.length === 0) {
    return items.find(i => i !== null) ?? null;
  }
  const merged: Record<string, unknown> = {};
  for (const o of objects) {
    for (const [k, v] of Object.entries(o)) {
      const prev = merged[k];
      if (isRecord(prev) && isRecord(v)) {
        merged[k] = mergeElements([prev, v]);
      } else if (Array.isArray(prev) && Array.isArray(v)) {
        merged[k] = [...prev, ...v];
      } else if (prev === undefined || prev === null) {
        merged[k] = v;
      }
    }
  }
  return merged;
}

/** Keys present in every element of the sample array (others are optional there). */
function requiredKeys(items: unknown[]): Set<string> | undefined {
  const objects = items.filter(isRecord);
  if (objects.length === 0) return undefined;
  const keys = new Set(Object.keys(objects[0]));
  for (const o of objects.slice(1)) {
    for (const k of [...keys]) {
      if (!(k in o)) keys.delete(k);
    }
  }
  return keys;
}

function compare(
  sample: unknown,
  actual: unknown,
  path: string,
  options: ShapeOptions,
  required: Set<string> | undefined,
  out: string[],
) {
  const sk = kindOf(sample);
  const ak = kindOf(actual);
  if (sk === 'null' || ak === 'null') {
    return;
  }
  if (sk !== ak) {
    out.push(`${path || '(root)'}: expected ${sk}, got ${ak}`);
    return;
  }
  if (Array.isArray(sample) && Array.isArray(actual)) {
    if (sample.length === 0) return;
    const element = mergeElements(sample);
    const req = requiredKeys(sample);
    actual.forEach(item =>
      compare(element, item, `${path}[]`, options, req, out),
    );
    return;
  }
  if (!isRecord(sample) || !isRecord(actual)) return;
  if (options.maps?.includes(path)) {
    const sampleValue = mergeElements(Object.values(sample));
    for (const [k, v] of Object.entries(actual)) {
      compare(sampleValue, v, `${path}.${k}`, options, undefined, out);
    }
    return;
  }
  const loose = options.loose?.includes(path) ?? false;
  for (const [k, v] of Object.entries(sample)) {
    const childPath = path ? `${path}.${k}` : k;
    if (!(k in actual)) {
      const optional =
        loose ||
        options.optional?.includes(childPath) ||
        (required !== undefined && !required.has(k));
      if (!optional) out.push(`${childPath}: missing`);
      continue;
    }
    compare(v, actual[k], childPath, options, undefined, out);
  }
  if (!loose && !options.extraKeysAt?.includes(path)) {
    for (const k of Object.keys(actual)) {
      if (!(k in sample))
        out.push(`${path ? `${path}.` : ''}${k}: not in the sample`);
    }
  }
}

/**
 * Compares the recursive shape (keys and JSON types) of `actual` against a recorded `sample`.
 * `null` on either side is compatible with any type (recordings show nullable fields).
 * Returns the differences; an empty list means the shapes match.
 *
 * @public
 */
export function compareShape(
  sample: unknown,
  actual: unknown,
  options: ShapeOptions = {},
): string[] {
  const out: string[] = [];
  compare(sample, actual, '', options, undefined, out);
  return out;
}
