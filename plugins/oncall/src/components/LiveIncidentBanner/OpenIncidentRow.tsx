import { Incident } from '@oncall-for-backstage/plugin-oncall-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { SafeLink } from '../shared';
import { SeverityChip } from '../IncidentsContent/SeverityChip';
import { formatAge } from '../../lib/time';
import { MAX_DISPLAY_LENGTH, truncate } from '../../lib/text';

/**
 * One open incident in the banner: severity, title, how long it has been open, the Incident
 * Commander, the Slack channel, the incident (or its retrospective) and, on a Group or System
 * page, the services it touches.
 */
export function OpenIncidentRow(props: {
  incident: Incident;
  showServices: boolean;
}) {
  const { incident, showServices } = props;
  const services = incident.services ?? [];
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      style={{ gap: 8, minWidth: 0, overflowWrap: 'anywhere' }}
      data-testid="open-incident"
    >
      <SeverityChip severity={incident.severity} />
      <Typography variant="body1" component="span" style={{ fontWeight: 600 }}>
        <SafeLink to={incident.url}>
          {truncate(incident.title, MAX_DISPLAY_LENGTH)}
        </SafeLink>
      </Typography>
      <Typography variant="body2" component="span">
        {incident.status} · open for {formatAge(incident.startedAt)}
      </Typography>
      <Typography variant="body2" component="span">
        IC: {incident.commander?.name ?? 'not assigned yet'}
      </Typography>
      {incident.slackChannel && (
        <Typography variant="body2" component="span">
          <SafeLink to={incident.slackChannel.url}>
            {incident.slackChannel.name}
          </SafeLink>
        </Typography>
      )}
      {incident.retrospective && (
        <Typography variant="body2" component="span">
          <SafeLink to={incident.retrospective.url}>Retrospective</SafeLink>
        </Typography>
      )}
      {showServices && services.length > 0 && (
        <Typography variant="body2" component="span">
          Affected: {truncate(services.join(', '), MAX_DISPLAY_LENGTH)}
        </Typography>
      )}
    </Box>
  );
}
