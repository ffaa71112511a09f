import { createHash } from 'node:crypto';

/** 32-bit string hash (FNV-1a), stable across runs. */
export function hashString(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const imul = Math.imul;

/** Mixes integers into a uniform value in [0, 1); cheap enough for per-minute series. */
export function noise(a: number, b: number): number {
  let x = (imul(a | 0, 0x9e3779b1) ^ imul(b | 0, 0x85ebca77)) >>> 0;
  x ^= x >>> 16;
  x = imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return (x >>> 0) / 4294967296;
}

/** A seeded pseudo random generator (mulberry32). */
export class Random {
  private state: number;

  constructor(seed: number, stream: string) {
    this.state =
      (hashString(`${seed}:${stream}`) ^ Math.imul(seed, 2654435761)) >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(minInclusive: number, maxInclusive: number): number {
    return (
      minInclusive + Math.floor(this.next() * (maxInclusive - minInclusive + 1))
    );
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }
}

function digest(seed: number, kind: string, key: string): string {
  return createHash('sha1').update(`${seed}:${kind}:${key}`).digest('hex');
}

/** Deterministic UUID-formatted id, as Opsgenie uses. */
export function uuidFor(seed: number, kind: string, key: string): string {
  const h = digest(seed, kind, key);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(
    17,
    20,
  )}-${h.slice(20, 32)}`;
}

/** Deterministic 32 hex digit id, as DataDog uses for SLOs. */
export function hexIdFor(seed: number, kind: string, key: string): string {
  return digest(seed, kind, key).slice(0, 32);
}

/** Deterministic Slack-style id (upper-case letters and digits). */
export function slackIdFor(seed: number, prefix: string, key: string): string {
  return `${prefix}${digest(seed, 'slack', key).slice(0, 8).toUpperCase()}`;
}
