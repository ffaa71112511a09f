import { useApi } from '@backstage/core-plugin-api';
import { IncidentPage } from '@oncall-for-backstage/plugin-oncall-common';
import { useCallback, useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { IncidentQuery, oncallApiRef, OnCallEntityRef } from '../api';

/** Incidents for an entity with filters, retry and "load more" through the cursor. */
export function useIncidents(ref: OnCallEntityRef, query: IncidentQuery) {
  const api = useApi(oncallApiRef);
  const [more, setMore] = useState<IncidentPage[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [loadMoreError, setLoadMoreError] = useState<Error | undefined>();
  const severityKey = (query.severity ?? []).join(',');

  const first = useAsyncRetry(
    () => api.getIncidents(ref, query),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [
      api,
      ref.kind,
      ref.namespace,
      ref.name,
      query.from,
      query.to,
      severityKey,
      query.status,
      query.limit,
    ],
  );

  useEffect(() => {
    setMore([]);
    setLoadMoreError(undefined);
  }, [first.value]);

  const pages = first.value ? [first.value, ...more] : [];
  const last = pages[pages.length - 1];
  const nextCursor = last?.nextCursor;

  const loadMore = useCallback(async () => {
    if (!nextCursor) {
      return;
    }
    setLoadingMore(true);
    setLoadMoreError(undefined);
    try {
      const page = await api.getIncidents(ref, {
        ...query,
        cursor: nextCursor,
      });
      setMore(previous => [...previous, page]);
    } catch (error) {
      setLoadMoreError(
        error instanceof Error ? error : new Error(String(error)),
      );
    } finally {
      setLoadingMore(false);
    }
  }, [api, ref, query, nextCursor]);

  const value: IncidentPage | undefined =
    first.value && last
      ? {
          ...first.value,
          items: pages.flatMap(page => page.items),
          nextCursor,
          freshness: last.freshness,
        }
      : undefined;

  return {
    loading: first.loading,
    error: first.error,
    retry: first.retry,
    value,
    loadMore,
    loadingMore,
    loadMoreError,
  };
}
