import { InfoCard } from '@backstage/core-components';
import { Rotation } from '@oncall-for-backstage/plugin-oncall-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  formatRelative,
  formatShiftTime,
  localiseInstants,
} from '../../lib/time';
import { safeHref } from '../../lib/safeHref';
import { MAX_SENTENCE_LENGTH } from '../../lib/text';
import { LongText, SafeLink } from '../shared';
import { EscalationChain } from './EscalationChain';
import { UpcomingTimeline } from './UpcomingTimeline';

/** One rotation: its escalation chain, next handoff and the next two weeks. */
export function RotationCard(props: {
  rotation: Rotation;
  title?: string;
  subheader?: string;
}) {
  const { rotation } = props;
  const scheduleUrl = safeHref(rotation.schedule.url);
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
          ? { title: 'Open schedule in Opsgenie', link: scheduleUrl }
          : undefined
      }
    >
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
          <strong>Next handoff:</strong>{' '}
          {rotation.nextHandoff
            ? `${formatShiftTime(rotation.nextHandoff)} (${formatRelative(
                rotation.nextHandoff,
              )})`
            : 'none scheduled'}
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
            Opsgenie schedule <LongText value={rotation.schedule.name} />
          </SafeLink>
        </Box>
      )}
    </InfoCard>
  );
}
