import { formatZodError } from '../../lib/entityParams';
import { rawRecordId } from '../../lib/rawRecordId';
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
        id: rawRecordId(record, '_id'),
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
