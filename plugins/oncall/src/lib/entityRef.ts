import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
} from '@backstage/catalog-model';
import { humanizeEntityRef, useEntity } from '@backstage/plugin-catalog-react';
import { OnCallEntityRef } from '../api';

/** The API address of a catalog entity. */
export function toOnCallRef(entity: Entity): OnCallEntityRef {
  return getCompoundEntityRef(entity);
}

/** The entity of the page and its API address. */
export function useOnCallEntity(): { entity: Entity; ref: OnCallEntityRef } {
  const { entity } = useEntity();
  return { entity, ref: toOnCallRef(entity) };
}

/**
 * `group:default/payments` → `payments`; other namespaces are kept
 * (`group:ops/payments` → `ops/payments`). A ref the catalog cannot parse is shown as it is.
 */
export function shortRef(ref: string): string {
  try {
    const parsed = parseEntityRef(ref, { defaultKind: 'group' });
    return humanizeEntityRef(parsed, { defaultKind: parsed.kind });
  } catch {
    return ref;
  }
}
