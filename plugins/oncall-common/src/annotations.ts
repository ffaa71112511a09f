import type { AnnotationHint } from './onCall';

/**
 * Catalog annotations read by the on-call plugin family.
 *
 * The Opsgenie keys are the ones the community Opsgenie plugin uses, so catalogs already
 * annotated for it keep working.
 */

/** Opsgenie team name for a Group or a single entity. @public */
export const OPSGENIE_TEAM_ANNOTATION = 'opsgenie.com/team';
/** The Opsgenie team annotation with a placeholder value, for "not configured" hints. @public */
export const OPSGENIE_TEAM_HINT: AnnotationHint = {
  key: OPSGENIE_TEAM_ANNOTATION,
  value: '<opsgenie team name>',
};
/** One or more Opsgenie schedule names (comma separated) pinned for an entity. @public */
export const OPSGENIE_SCHEDULE_ANNOTATION = 'opsgenie.com/schedule';
/** Opsgenie alert query used to narrow alerts to one component. @public */
export const OPSGENIE_COMPONENT_SELECTOR_ANNOTATION =
  'opsgenie.com/component-selector';
/** Blameless service name incidents are tagged with (default: the entity name). @public */
export const BLAMELESS_SERVICE_ANNOTATION = 'blameless.com/service';
/** DataDog SLO tag query, comma separated (default `service:<entity name>`). @public */
export const DATADOG_SLO_TAGS_ANNOTATION = 'datadoghq.com/slo-tags';
/** DataDog monitor tag query, comma separated (default `service:<entity name>`). @public */
export const DATADOG_MONITOR_TAGS_ANNOTATION = 'datadoghq.com/monitor-tags';
/** DataDog dashboard URL for the entity, shown as a link on the On-call tab. @public */
export const DATADOG_DASHBOARD_URL_ANNOTATION = 'datadoghq.com/dashboard-url';
/** Kibana (logs) URL for the entity, shown as a link on the On-call tab. @public */
export const KIBANA_URL_ANNOTATION = 'kibana.com/dashboard-url';

/** Splits a comma separated annotation value into trimmed, non-empty parts. @public */
export function splitAnnotation(value: string | undefined): string[] {
  if (!value) {
    return [];
  }
  return value
    .split(',')
    .map(part => part.trim())
    .filter(part => part.length > 0);
}
