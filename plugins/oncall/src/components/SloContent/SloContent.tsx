import { Entity } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  DATADOG_SLO_TAGS_ANNOTATION,
  SloReport,
} from '@oncall-for-backstage/plugin-oncall-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { Suspense } from 'react';
import { useOverlayIncidents, useSlos } from '../../hooks';
import { toOnCallRef } from '../../lib/entityRef';
import {
  MAX_DISPLAY_LENGTH,
  MAX_SENTENCE_LENGTH,
  truncate,
} from '../../lib/text';
import {
  ErrorWithRetry,
  FreshnessBanner,
  LoadingState,
  NotConfiguredPanel,
} from '../shared';
import { MonitorsSummary } from './MonitorsSummary';
import { SloCard } from './SloCard';

function earliestHistoryDate(
  report: SloReport | undefined,
): string | undefined {
  const dates = (report?.items ?? []).flatMap(slo =>
    (slo.history ?? []).map(point => point.date),
  );
  if (!dates.length) {
    return undefined;
  }
  return `${dates.reduce((min, date) =>
    date < min ? date : min,
  )}T00:00:00.000Z`;
}

/** The SLOs tab of an entity page. */
export function SloContent() {
  return (
    <Suspense fallback={<LoadingState label="Loading SLOs" />}>
      <SloTab />
    </Suspense>
  );
}

function SloTab() {
  const { entity } = useEntity();
  const ref = toOnCallRef(entity);
  const { loading, error, value, retry } = useSlos(ref);
  const overlay = useOverlayIncidents(ref, earliestHistoryDate(value));
  if (error) {
    return <ErrorWithRetry error={error} onRetry={retry} />;
  }
  if (loading || !value) {
    return <LoadingState label="Loading SLOs" />;
  }
  return (
    <SloView
      report={value}
      entity={entity}
      incidents={overlay.value ?? []}
      overlayError={overlay.error}
    />
  );
}

function SloView(props: {
  report: SloReport;
  entity: Entity;
  incidents: NonNullable<ReturnType<typeof useOverlayIncidents>['value']>;
  overlayError?: Error;
}) {
  const { report, entity } = props;
  const query = truncate(
    report.query ?? `service:${entity.metadata.name}`,
    MAX_DISPLAY_LENGTH,
  );
  return (
    <Box>
      <FreshnessBanner freshness={report.freshness} />
      {report.monitors && <MonitorsSummary monitors={report.monitors} />}
      {props.overlayError && (
        <Box mb={2}>
          <Alert severity="info" style={{ overflowWrap: 'anywhere' }}>
            {`Incidents could not be loaded for the charts: ${truncate(
              props.overlayError.message,
              MAX_SENTENCE_LENGTH,
            )}`}
          </Alert>
        </Box>
      )}
      {report.items.length === 0 ? (
        <NotConfiguredPanel
          title={`No SLOs found for ${query}`}
          reason={`DataDog SLOs are matched by the tags "${query}". Tag the SLOs with them, or name the tags this entity's SLOs carry with the ${DATADOG_SLO_TAGS_ANNOTATION} annotation.`}
          annotation={{
            key: DATADOG_SLO_TAGS_ANNOTATION,
            value: `service:${entity.metadata.name},env:prod`,
          }}
          entityName={entity.metadata.name}
        />
      ) : (
        <>
          <Typography
            variant="caption"
            color="textSecondary"
            paragraph
            style={{ overflowWrap: 'anywhere' }}
          >
            {report.items.length} SLO{report.items.length === 1 ? '' : 's'}{' '}
            tagged {query}
          </Typography>
          <Grid container spacing={3}>
            {report.items.map(slo => (
              <Grid item xs={12} xl={6} key={slo.id}>
                <SloCard slo={slo} incidents={props.incidents} />
              </Grid>
            ))}
          </Grid>
        </>
      )}
    </Box>
  );
}
