/**
 * The signal channel on which the backend announces a change in an entity's open incidents:
 * `oncall:incidents:<entityRef>` (the entity ref in its canonical lower-case form, e.g.
 * `oncall:incidents:component:default/checkout-api`). @public
 */
export function incidentSignalChannel(entityRef: string): string {
  return `oncall:incidents:${entityRef.toLocaleLowerCase('en-US')}`;
}

/**
 * The message on an incident signal channel: the entity and how many incidents touching it are
 * open now. Subscribers re-read the open incidents when it arrives. @public
 */
export type IncidentSignal = {
  entityRef: string;
  openIncidents: number;
  /** When the backend noticed the change (ISO 8601). */
  changedAt: string;
};
