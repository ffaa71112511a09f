import { useApi } from '@backstage/core-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  IncidentSignal,
  OPEN_INCIDENT_STATUSES,
  incidentSignalChannel,
} from '@oncall-for-backstage/plugin-oncall-common';
import { useEffect } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { oncallApiRef } from '../api';
import { toOnCallRef } from '../lib/entityRef';

/** The most open incidents a banner lists. */
export const LIVE_INCIDENT_LIMIT = 10;

/**
 * The entity's open incidents, read again whenever the backend signals a change on
 * `oncall:incidents:<entityRef>`, so a page follows incidents without a reload.
 */
export function useLiveIncidents(entity: Entity) {
  const api = useApi(oncallApiRef);
  const ref = toOnCallRef(entity);
  const { lastSignal, isSignalsAvailable } = useSignal<IncidentSignal>(
    incidentSignalChannel(stringifyEntityRef(entity)),
  );
  const state = useAsyncRetry(
    () =>
      api.getIncidents(ref, {
        status: OPEN_INCIDENT_STATUSES,
        limit: LIVE_INCIDENT_LIMIT,
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, ref.kind, ref.namespace, ref.name],
  );
  const { retry } = state;
  useEffect(() => {
    if (lastSignal) {
      retry();
    }
    // only a new signal re-reads
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lastSignal]);
  return { ...state, isSignalsAvailable };
}
