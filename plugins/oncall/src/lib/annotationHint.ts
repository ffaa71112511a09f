import { AnnotationHint } from '@oncall-for-backstage/plugin-oncall-common';
import { MAX_DISPLAY_LENGTH, truncate } from './text';

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
