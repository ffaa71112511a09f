import { Entity } from '@backstage/catalog-model';
import {
  DATADOG_SLO_TAGS_ANNOTATION,
  SloReport,
} from '@oncall-for-backstage/plugin-oncall-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useOverlayIncidents, useSlos } from '../../hooks';
import { useOnCallEntity } from '../../lib/entityRef';
import { MAX_DISPLAY_LENGTH, truncate } from '../../lib/text';
import {
  AsyncView,
  ErrorNotice,
  FreshnessBanner,
  NotConfiguredPanel,
  withLoadingSuspense,
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

function SloTab() {
  const { entity, ref } = useOnCallEntity();
  const slos = useSlos(ref);
  const overlay = useOverlayIncidents(ref, earliestHistoryDate(slos.value));
  return (
    <AsyncView state={slos} loadingLabel="Loading SLOs">
      {report => (
        <SloView
          report={report}
          entity={entity}
          incidents={overlay.value ?? []}
          overlayError={overlay.error}
        />
      )}
    </AsyncView>
  );
}

/** The SLOs tab of an entity page. */
export const SloContent = withLoadingSuspense('Loading SLOs', SloTab);

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
      <ErrorNotice
        severity="info"
        prefix="Incidents could not be loaded for the charts"
        error={props.overlayError}
        mb={2}
      />
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
