import { Entity } from '@backstage/catalog-model';
import { OnCallEntityRef } from '../api';

/** The API address of a catalog entity. */
export function toOnCallRef(entity: Entity): OnCallEntityRef {
  return {
    kind: entity.kind,
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
  };
}

/** `group:default/payments` → `payments`; other namespaces are kept. */
export function shortRef(ref: string): string {
  const match = /^(?:[^:]+:)?(?:([^/]+)\/)?(.+)$/.exec(ref);
  if (!match) {
    return ref;
  }
  const [, namespace, name] = match;
  return namespace && namespace !== 'default' ? `${namespace}/${name}` : name;
}
