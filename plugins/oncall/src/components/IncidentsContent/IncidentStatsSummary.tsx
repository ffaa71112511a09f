import {
  IncidentStats,
  SEVERITIES,
} from '@oncall-for-backstage/plugin-oncall-common';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { formatMinutes } from '../../lib/time';
import { WrapRow } from '../shared';
import { SeverityChip } from './SeverityChip';

function Stat(props: { label: string; value: string }) {
  return (
    <Paper variant="outlined" style={{ padding: '8px 16px', minWidth: 120 }}>
      <Typography variant="caption" color="textSecondary">
        {props.label}
      </Typography>
      <Typography variant="h6">{props.value}</Typography>
    </Paper>
  );
}

/** A duration in minutes, or a dash when there is none to tell (no acknowledged incident). */
function minutesOrDash(minutes: number | undefined): string {
  return minutes !== undefined ? formatMinutes(minutes) : '—';
}

/** Count, MTTA, MTTR and count by severity. */
export function IncidentStatsSummary(props: { stats: IncidentStats }) {
  const { stats } = props;
  return (
    <WrapRow gap={16}>
      <Stat label="Incidents" value={String(stats.count)} />
      <Stat label="MTTA" value={minutesOrDash(stats.mttaMinutes)} />
      <Stat label="MTTR" value={minutesOrDash(stats.mttrMinutes)} />
      <Box
        display="flex"
        flexWrap="wrap"
        style={{ gap: 8 }}
        aria-label="Incidents by severity"
      >
        {SEVERITIES.map(severity => (
          <Box
            key={severity}
            display="flex"
            alignItems="center"
            style={{ gap: 4 }}
          >
            <SeverityChip severity={severity} />
            <Typography variant="body2">
              {stats.bySeverity?.[severity] ?? 0}
            </Typography>
          </Box>
        ))}
      </Box>
    </WrapRow>
  );
}
