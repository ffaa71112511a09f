import { Entity } from '@backstage/catalog-model';

/** The entity's `spec.profile.email` when it is a string (a User's or a Group's email). */
export function profileEmail(entity: Entity | undefined): string | undefined {
  const profile = entity?.spec?.profile;
  return profile &&
    typeof profile === 'object' &&
    'email' in profile &&
    typeof profile.email === 'string'
    ? profile.email
    : undefined;
}
