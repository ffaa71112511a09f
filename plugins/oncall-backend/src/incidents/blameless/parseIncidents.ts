import { formatZodError } from '../../lib/entityParams';
import { RejectedIncident } from '../IncidentProvider';
import { BlamelessIncident, incidentSchema } from './wire';

/** The records of a list answer that parse as incidents, and the others with their reasons. */
export function parseIncidents(raw: unknown[]): {
  parsed: BlamelessIncident[];
  rejected: RejectedIncident[];
} {
  const parsed: BlamelessIncident[] = [];
  const rejected: RejectedIncident[] = [];
  for (const record of raw) {
    const result = incidentSchema.safeParse(record);
    if (result.success) {
      parsed.push(result.data);
    } else {
      rejected.push({
        id: rawId(record),
        reason: formatZodError(result.error),
      });
    }
  }
  return { parsed, rejected };
}

/** When an incident last changed: its update time, else its creation. */
export function updatedOf(incident: BlamelessIncident): number {
  return incident.updated ?? incident.created;
}

function rawId(raw: unknown): string | undefined {
  if (typeof raw === 'object' && raw !== null && '_id' in raw) {
    const id = raw._id;
    return typeof id === 'string' || typeof id === 'number'
      ? String(id)
      : undefined;
  }
  return undefined;
}
