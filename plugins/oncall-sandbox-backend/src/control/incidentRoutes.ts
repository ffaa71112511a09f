import { Router } from 'express';
import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { BLAMELESS_SEVERITIES, severityLevelOf } from '../blameless/severities';
import { BLAMELESS_STATUS, LiveIncidents } from './liveIncidents';

const title = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');

const severity = z
  .string()
  .refine(label => severityLevelOf(label) !== undefined, {
    message: `must be one of ${BLAMELESS_SEVERITIES.map(s => s.label).join(
      ', ',
    )}`,
  });

const status = z.enum(
  ['investigating', 'identified', 'monitoring', 'resolved'],
  {
    errorMap: () => ({
      message: 'must be one of investigating, identified, monitoring, resolved',
    }),
  },
);

const openSchema = z
  .object({
    title,
    severity,
    services: z
      .array(z.string().trim().min(1, 'must not be empty'))
      .min(1, 'name at least one Component or API')
      .max(20, 'at most 20 services'),
  })
  .strict();

const updateSchema = z
  .object({
    status: status.optional(),
    severity: severity.optional(),
    title: title.optional(),
  })
  .strict()
  .refine(
    body =>
      body.status !== undefined ||
      body.severity !== undefined ||
      body.title !== undefined,
    'give at least one of status, severity, title',
  );

/**
 * Parses a control body (`what` it describes: an incident, a fault), or throws an InputError
 * naming the first bad field.
 */
export function parseControlBody<T>(
  what: string,
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  body: unknown,
): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `Invalid ${what}: ${issue.path.join('.') || 'body'}: ${issue.message}`,
    );
  }
  return parsed.data;
}

/**
 * `POST /incidents` `{ title, severity, services }` → 201 `{ id }` and
 * `PATCH /incidents/:id` `{ status?, severity?, title? }` → the incident as it now stands.
 */
export function addIncidentControlRoutes(
  router: Router,
  incidents: LiveIncidents,
): void {
  router.post('/incidents', (req, res) => {
    const incident = incidents.open(
      parseControlBody('incident', openSchema, req.body),
    );
    res.status(201).json({ id: incident.id });
  });
  router.patch('/incidents/:id', (req, res) => {
    const input = parseControlBody('incident', updateSchema, req.body);
    const incident = incidents.update(req.params.id, {
      title: input.title,
      severity: input.severity,
      status: input.status && BLAMELESS_STATUS[input.status],
    });
    res.json(incidents.summary(incident));
  });
}
