import { InputError } from '@backstage/errors';
import { ONCALL_ENTITY_KINDS } from '@oncall-for-backstage/plugin-oncall-common';
import { z } from 'zod';
import { capEcho } from './echo';

const segment = (field: string) =>
  z
    .string({ required_error: `${field} is required` })
    .min(1, `${field} must not be empty`)
    .max(253, `${field} must be at most 253 characters`)
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
      `${field} may hold letters, digits, '.', '_' and '-' only`,
    );

const entityParamsSchema = z.object({
  kind: z
    .string()
    .transform(kind => kind.toLocaleLowerCase('en-US'))
    .pipe(
      z.enum(ONCALL_ENTITY_KINDS, {
        errorMap: () => ({
          message: `kind must be one of ${ONCALL_ENTITY_KINDS.join(', ')}`,
        }),
      }),
    ),
  namespace: segment('namespace'),
  name: segment('name'),
});

/** The entity named by a route's `:kind/:namespace/:name`. */
export interface EntityParams {
  kind: (typeof ONCALL_ENTITY_KINDS)[number];
  namespace: string;
  name: string;
}

/** Validates route params; a bad one is a 400 naming the parameter. */
export function parseEntityParams(params: unknown): EntityParams {
  const parsed = entityParamsSchema.safeParse(params);
  if (!parsed.success) {
    throw new InputError(formatZodError(parsed.error));
  }
  return parsed.data;
}

/** `kind:namespace/name` with the kind lower-cased, as the catalog stringifies refs. */
export function toEntityRef(params: EntityParams): string {
  return `${params.kind}:${params.namespace.toLocaleLowerCase(
    'en-US',
  )}/${params.name.toLocaleLowerCase('en-US')}`;
}

/**
 * Turns a zod error into "field: problem; field: problem" for a 400 message. Each part is
 * capped ({@link capEcho}): zod repeats unknown keys and rejected values in its messages.
 */
export function formatZodError(error: z.ZodError): string {
  return error.issues
    .map(issue =>
      capEcho(
        issue.path.length > 0
          ? `${issue.path.join('.')}: ${issue.message}`
          : issue.message,
      ),
    )
    .join('; ');
}
