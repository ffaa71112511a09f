import { InfoCard } from '@backstage/core-components';
import {
  ONCALL_PROVIDER_NAMES,
  Rotation,
} from '@oncall-for-backstage/plugin-oncall-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { formatHandoff, localiseInstants } from '../../lib/time';
import { safeHref } from '../../lib/safeHref';
import { MAX_SENTENCE_LENGTH } from '../../lib/text';
import { LongText, ProviderChip, SafeLink } from '../shared';
import { EscalationChain } from './EscalationChain';
import { UpcomingTimeline } from './UpcomingTimeline';

/** One rotation: its escalation chain, next handoff and the next two weeks. */
export function RotationCard(props: {
  rotation: Rotation;
  title?: string;
  subheader?: string;
}) {
  const { rotation } = props;
  const scheduleUrl = safeHref(rotation.source?.url ?? rotation.schedule.url);
  const tool = ONCALL_PROVIDER_NAMES[rotation.source?.provider ?? 'opsgenie'];
  return (
    <InfoCard
      title={<LongText value={props.title ?? rotation.schedule.name} />}
      subheader={
        <LongText
          value={
            props.subheader ??
            `Schedule time zone: ${rotation.schedule.timezone}`
          }
        />
      }
      deepLink={
        scheduleUrl
          ? { title: `Open schedule in ${tool}`, link: scheduleUrl }
          : undefined
      }
    >
      {rotation.source && (
        <Box mb={2} display="flex" alignItems="center" style={{ gap: 8 }}>
          <Typography variant="body2" component="span">
            From
          </Typography>
          <ProviderChip source={rotation.source} />
        </Box>
      )}
      {rotation.notice && (
        <Box mb={2}>
          <Alert severity="info">
            <LongText
              value={localiseInstants(rotation.notice)}
              max={MAX_SENTENCE_LENGTH}
            />
          </Alert>
        </Box>
      )}
      <EscalationChain levels={rotation.levels} />
      <Box mt={2}>
        <Typography variant="body2">
          <strong>Next handoff:</strong> {formatHandoff(rotation.nextHandoff)}
        </Typography>
      </Box>
      <Box mt={2}>
        <Typography variant="subtitle2" gutterBottom>
          Next 14 days
        </Typography>
        <UpcomingTimeline shifts={rotation.upcoming} />
      </Box>
      {scheduleUrl && (
        <Box mt={1}>
          <SafeLink to={scheduleUrl}>
            {tool} schedule <LongText value={rotation.schedule.name} />
          </SafeLink>
        </Box>
      )}
    </InfoCard>
  );
}
