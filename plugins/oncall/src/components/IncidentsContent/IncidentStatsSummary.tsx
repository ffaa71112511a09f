import {
  IncidentStats,
  SEVERITIES,
} from '@oncall-for-backstage/plugin-oncall-common';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { formatMinutes } from '../../lib/time';
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

/** Count, MTTA, MTTR and count by severity. */
export function IncidentStatsSummary(props: { stats: IncidentStats }) {
  const { stats } = props;
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      style={{ gap: 16 }}
      mb={2}
    >
      <Stat label="Incidents" value={String(stats.count)} />
      <Stat
        label="MTTA"
        value={
          stats.mttaMinutes !== undefined
            ? formatMinutes(stats.mttaMinutes)
            : '—'
        }
      />
      <Stat
        label="MTTR"
        value={
          stats.mttrMinutes !== undefined
            ? formatMinutes(stats.mttrMinutes)
            : '—'
        }
      />
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
    </Box>
  );
}
