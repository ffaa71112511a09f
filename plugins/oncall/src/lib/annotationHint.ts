import { MAX_DISPLAY_LENGTH, truncate } from './text';

/** An annotation to add to an entity, e.g. `opsgenie.com/team` = `payments`. */
export interface AnnotationHint {
  key: string;
  value: string;
}

/**
 * The backend's hint (`notConfigured.annotation`, written `key: value` or as a bare key) as
 * an annotation; `fallback` when there is none. The key ends at the first colon after its
 * `/`, so a value may itself contain colons (`service:checkout-api`).
 */
export function parseAnnotationHint(
  text: string | undefined,
  fallback: AnnotationHint,
): AnnotationHint {
  const hint = text?.trim();
  if (!hint) {
    return fallback;
  }
  const separator = hint.indexOf(':', hint.indexOf('/'));
  if (separator <= 0) {
    return { key: hint, value: fallback.value };
  }
  return {
    key: hint.slice(0, separator).trim(),
    value: hint.slice(separator + 1).trim() || fallback.value,
  };
}

const PLAIN_START = /^[\p{L}\p{N}_<./]/u;
const NEEDS_QUOTES = /[\p{Cc}"\\]|: | #|:$|\s$/u;
const NOT_A_STRING =
  /^(?:true|false|null|yes|no|on|off|~|[-+]?[\d.][\d._eE+-]*)$/i;

/** `value` as a YAML string: plain when YAML would read it back as the same string, else quoted. */
function yamlScalar(value: string): string {
  return PLAIN_START.test(value) &&
    !NEEDS_QUOTES.test(value) &&
    !NOT_A_STRING.test(value)
    ? value
    : JSON.stringify(value);
}

/** The `catalog-info.yaml` lines that add the annotation, value cut for display. */
export function annotationYaml(
  annotation: AnnotationHint,
  entityName: string,
): string {
  return [
    'metadata:',
    `  name: ${truncate(entityName, MAX_DISPLAY_LENGTH)}`,
    '  annotations:',
    `    ${truncate(annotation.key, MAX_DISPLAY_LENGTH)}: ${yamlScalar(
      truncate(annotation.value || entityName, MAX_DISPLAY_LENGTH),
    )}`,
  ].join('\n');
}
