import { Entity } from '@backstage/catalog-model';
import { EmptyState } from '@backstage/core-components';
import {
  BLAMELESS_SERVICE_ANNOTATION,
  IncidentPage,
} from '@oncall-for-backstage/plugin-oncall-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { DateTime } from 'luxon';
import { lazy, useMemo, useState } from 'react';
import { IncidentQuery } from '../../api';
import { useIncidents } from '../../hooks';
import { useOnCallEntity } from '../../lib/entityRef';
import { MAX_DISPLAY_LENGTH, truncate } from '../../lib/text';
import {
  AsyncView,
  ErrorNotice,
  FreshnessBanner,
  LoadingSuspense,
  NotConfiguredPanel,
  withLoadingSuspense,
} from '../shared';
import { IncidentFilters, IncidentFilterState } from './IncidentFilters';
import { IncidentStatsSummary } from './IncidentStatsSummary';
import { IncidentsTable } from './IncidentsTable';

const PAGE_SIZE = 100;

const IncidentsChart = lazy(() =>
  import('./IncidentsChart').then(m => ({ default: m.IncidentsChart })),
);

function EmptyIncidents(props: {
  entity: Entity;
  days: number;
  filtered: boolean;
  services?: string[];
}) {
  const title = `No incidents in the last ${props.days} days${
    props.filtered ? ' matching the filters' : ''
  }`;
  const annotation =
    props.entity.metadata.annotations?.[BLAMELESS_SERVICE_ANNOTATION];
  const services = truncate(
    props.services?.length
      ? props.services.join(', ')
      : annotation || props.entity.metadata.name,
    MAX_DISPLAY_LENGTH,
  );
  if (props.filtered || annotation) {
    return (
      <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
        <EmptyState
          missing="data"
          title={title}
          description={
            props.filtered
              ? 'Nothing to show for this window.'
              : `Nothing to show for this window for the Blameless service "${services}" (annotation ${BLAMELESS_SERVICE_ANNOTATION}).`
          }
        />
      </div>
    );
  }
  return (
    <NotConfiguredPanel
      title={title}
      reason={`Incidents are matched by the Blameless service "${services}". If this entity's incidents are filed under another service, name it with the ${BLAMELESS_SERVICE_ANNOTATION} annotation.`}
      annotation={{
        key: BLAMELESS_SERVICE_ANNOTATION,
        value: props.entity.metadata.name,
      }}
      entityName={props.entity.metadata.name}
    />
  );
}

function IncidentsView() {
  const { entity, ref } = useOnCallEntity();
  const [filters, setFilters] = useState<IncidentFilterState>({
    days: 90,
    severity: [],
  });
  // "the last N days" ends now (an incident opened seconds ago is in it) and is N × 24 hours
  // wherever the viewer is, so MTTA and MTTR do not depend on the viewer's time zone
  const range = useMemo(() => {
    const to = DateTime.now().toUTC();
    return { from: to.minus({ days: filters.days }), to };
  }, [filters.days]);
  const query: IncidentQuery = useMemo(
    () => ({
      from: range.from.toUTC().toISO() ?? undefined,
      to: range.to.toUTC().toISO() ?? undefined,
      severity: filters.severity,
      status: filters.status,
      limit: PAGE_SIZE,
    }),
    [range, filters.severity, filters.status],
  );
  const incidents = useIncidents(ref, query);
  const filtered = filters.severity.length > 0 || Boolean(filters.status);

  const showPage = (page: IncidentPage) => {
    if (!page.items.length) {
      return (
        <>
          <FreshnessBanner freshness={page.freshness} />
          <EmptyIncidents
            entity={entity}
            days={filters.days}
            filtered={filtered}
            services={page.services}
          />
        </>
      );
    }
    return (
      <>
        <FreshnessBanner freshness={page.freshness} />
        <IncidentStatsSummary stats={page.stats} />
        <Box mb={2}>
          <LoadingSuspense label="Loading chart">
            <IncidentsChart
              items={page.items}
              from={range.from}
              to={range.to}
              partial={Boolean(page.nextCursor)}
            />
          </LoadingSuspense>
        </Box>
        <IncidentsTable
          items={page.items}
          title={`Incidents in the last ${filters.days} days (${page.items.length} of ${page.stats.count})`}
        />
        <ErrorNotice
          severity="error"
          prefix="Could not load more"
          error={incidents.loadMoreError}
          mt={1}
        />
        {page.nextCursor && (
          <Box mt={2} display="flex" justifyContent="center">
            <Button
              variant="outlined"
              onClick={incidents.loadMore}
              disabled={incidents.loadingMore}
            >
              {incidents.loadingMore ? 'Loading…' : 'Load more'}
            </Button>
          </Box>
        )}
      </>
    );
  };

  return (
    <Box>
      <IncidentFilters value={filters} onChange={setFilters} />
      <AsyncView state={incidents} loadingLabel="Loading incidents">
        {showPage}
      </AsyncView>
    </Box>
  );
}

/** The Incidents tab of an entity page. */
export const IncidentsContent = withLoadingSuspense(
  'Loading incidents',
  IncidentsView,
);
