/** "on call", "on-call" or "oncall". */
const ON_CALL = String.raw`on[ -]?call`;

/** `who is on call for X`, `on-call for X`, `on call X`, `oncall X` (after "who is" is dropped). */
const ON_CALL_FIRST = new RegExp(
  String.raw`^(?:the )?${ON_CALL} (?:(?:for|of|at) )?(?<subject>.+)$`,
  'iu',
);

/** `X on-call`, `X oncall`, `X on call rotation`. */
const ON_CALL_LAST = new RegExp(
  String.raw`^(?<subject>.+?) ${ON_CALL}(?: (?:rotation|schedule))?$`,
  'iu',
);

const WHO_IS = /^(?:who(?:'s|’s|s| is)|whos) /iu;
const NOW = / (?:right now|now|today)$/iu;

/** Words that say what kind of thing the subject is, not which one. */
const FILLER = new Set([
  'the',
  'team',
  'service',
  'group',
  'rotation',
  'schedule',
]);

/** The on-call question in a search term: whom it asks about, as words. */
export interface OnCallQuestion {
  /** The subject as typed, without filler words, e.g. `payments-api` or `data platform`. */
  subject: string;
  /** The subject's words in lower case, e.g. `['payments', 'api']`. */
  words: string[];
}

/** Splits a name or a subject into lower-case words of letters and digits. */
export function wordsOf(text: string): string[] {
  return text
    .toLocaleLowerCase('en-US')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(word => word !== '');
}

/**
 * Reads a search term as an on-call question: "who is on call for X", "on call X",
 * "X on-call" or "X oncall" (also "who's on-call for X now", "X on call rotation"). Returns
 * undefined for any other term, and for a question that names no subject.
 */
export function parseOnCallQuestion(term: string): OnCallQuestion | undefined {
  const normalized = term
    .trim()
    .replace(/[?!.]+$/u, '')
    .replace(/\s+/gu, ' ')
    .replace(WHO_IS, '');
  const match = ON_CALL_FIRST.exec(normalized) ?? ON_CALL_LAST.exec(normalized);
  const typed = match?.groups?.subject?.replace(NOW, '');
  if (!typed) {
    return undefined;
  }
  const subject = typed
    .split(' ')
    .filter(word => !FILLER.has(word.toLocaleLowerCase('en-US')))
    .join(' ');
  const words = wordsOf(subject);
  return words.length > 0 ? { subject, words } : undefined;
}
