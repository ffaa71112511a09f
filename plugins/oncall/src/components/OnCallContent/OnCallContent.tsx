import {
  ONCALL_PROVIDER_NAMES,
  OnCallSummary,
  OPSGENIE_TEAM_ANNOTATION,
} from '@oncall-for-backstage/plugin-oncall-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import { InfoCard } from '@backstage/core-components';
import { HealthSection } from '../HealthCard';
import Typography from '@material-ui/core/Typography';
import { Entity } from '@backstage/catalog-model';
import { useOnCall } from '../../hooks';
import { useCoverageLink } from '../../lib/coverageLink';
import { toOnCallRef, useOnCallEntity } from '../../lib/entityRef';
import { MAX_SENTENCE_LENGTH } from '../../lib/text';
import { viewerZone, zoneAbbreviation } from '../../lib/time';
import {
  ErrorWithRetry,
  FreshnessBanner,
  LoadingState,
  LongText,
  NotConfiguredPanel,
  SafeLink,
} from '../shared';
import { describeResolution } from './describeResolution';
import { PageOnCallButton } from './PageOnCallButton';
import { RotationCard } from './RotationCard';
import { ServiceLinks } from './ServiceLinks';

/** The On-call tab of an entity page. */
/** Kinds the health figures are served for. */
const HEALTH_KINDS = ['group', 'component'];

export function OnCallContent() {
  const { entity, ref } = useOnCallEntity();
  const { loading, error, value, retry } = useOnCall(ref);
  if (loading && !value) {
    return <LoadingState label="Loading on-call" />;
  }
  if (error) {
    return <ErrorWithRetry error={error} onRetry={retry} />;
  }
  if (!value) {
    return <LoadingState label="Loading on-call" />;
  }
  return <OnCallView summary={value} entity={entity} />;
}

/** Renders an {@link OnCallSummary}. */
export function OnCallView(props: { summary: OnCallSummary; entity: Entity }) {
  const { summary, entity } = props;
  const ref = toOnCallRef(entity);
  const rotations = summary.rotations ?? [];
  const explanation = describeResolution(summary.resolution);
  const zone = viewerZone();
  const coverageLink = useCoverageLink();
  const tool =
    ONCALL_PROVIDER_NAMES[rotations[0]?.source?.provider ?? 'opsgenie'];

  if (!rotations.length) {
    return (
      <>
        <FreshnessBanner freshness={summary.freshness} />
        <NotConfiguredPanel
          title="No on-call rotation found"
          reason={
            summary.notConfigured?.reason ??
            `No Opsgenie team is mapped to ${entity.metadata.name} or its owner.`
          }
          annotation={
            summary.notConfigured?.annotation ?? {
              key: OPSGENIE_TEAM_ANNOTATION,
              value: entity.metadata.name,
            }
          }
          entityName={entity.metadata.name}
        />
        {coverageLink && (
          <Typography variant="body2">
            <SafeLink to={coverageLink} appRelative>
              See on-call coverage for every team and service
            </SafeLink>
          </Typography>
        )}
      </>
    );
  }

  return (
    <Box>
      <FreshnessBanner freshness={summary.freshness} />
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        justifyContent="space-between"
        mb={2}
        style={{ gap: 16 }}
      >
        <Box minWidth={0} style={{ overflowWrap: 'anywhere' }}>
          <Typography variant="body1">
            {tool} team{' '}
            <strong>
              <LongText value={summary.resolution.team ?? 'unknown'} />
            </strong>{' '}
            <LongText value={explanation} max={MAX_SENTENCE_LENGTH} />
          </Typography>
          <Typography variant="caption" color="textSecondary">
            Times in your time zone: {zone} ({zoneAbbreviation()})
          </Typography>
          <ServiceLinks entity={entity} />
        </Box>
        <PageOnCallButton entity={ref} team={summary.resolution.team} />
      </Box>
      <Grid container spacing={3}>
        <Grid item xs={12} lg={summary.incidentCommander ? 8 : 12}>
          <Grid container spacing={3}>
            {rotations.map(rotation => (
              <Grid item xs={12} key={rotation.schedule.id}>
                <RotationCard rotation={rotation} />
              </Grid>
            ))}
          </Grid>
        </Grid>
        {summary.incidentCommander && (
          <Grid item xs={12} lg={4}>
            <RotationCard
              rotation={summary.incidentCommander}
              title="SRE Incident Commander"
              subheader={summary.incidentCommander.schedule.name}
            />
          </Grid>
        )}
        {HEALTH_KINDS.includes(entity.kind.toLocaleLowerCase('en-US')) && (
          <Grid item xs={12}>
            <InfoCard title="Health">
              <HealthSection entity={entity} />
            </InfoCard>
          </Grid>
        )}
      </Grid>
    </Box>
  );
}
