import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { oncallApiRef, OnCallEntityRef } from '../api';

/** Incidents since `from` (ISO), for overlaying on charts; skipped while `from` is unknown. */
export function useOverlayIncidents(
  ref: OnCallEntityRef,
  from: string | undefined,
) {
  const api = useApi(oncallApiRef);
  return useAsync(async () => {
    if (!from) {
      return [];
    }
    const page = await api.getIncidents(ref, { from, limit: 200 });
    return page.items;
  }, [api, ref.kind, ref.namespace, ref.name, from]);
}
