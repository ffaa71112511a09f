import { InfoCard, Link } from '@backstage/core-components';
import { Rotation } from '@internal/plugin-oncall-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  formatRelative,
  formatShiftTime,
  localiseInstants,
} from '../../lib/time';
import { EscalationChain } from './EscalationChain';
import { UpcomingTimeline } from './UpcomingTimeline';

/** One rotation: its escalation chain, next handoff and the next two weeks. */
export function RotationCard(props: {
  rotation: Rotation;
  title?: string;
  subheader?: string;
}) {
  const { rotation } = props;
  return (
    <InfoCard
      title={props.title ?? rotation.schedule.name}
      subheader={
        props.subheader ?? `Schedule time zone: ${rotation.schedule.timezone}`
      }
      deepLink={
        rotation.schedule.url
          ? { title: 'Open schedule in Opsgenie', link: rotation.schedule.url }
          : undefined
      }
    >
      {rotation.notice && (
        <Box mb={2}>
          <Alert severity="info">{localiseInstants(rotation.notice)}</Alert>
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
      {rotation.schedule.url && (
        <Box mt={1}>
          <Link to={rotation.schedule.url}>
            Opsgenie schedule {rotation.schedule.name}
          </Link>
        </Box>
      )}
    </InfoCard>
  );
}
