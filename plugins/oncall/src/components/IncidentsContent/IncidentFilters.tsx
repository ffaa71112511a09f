import {
  INCIDENT_STATUSES,
  IncidentStatus,
  SEVERITIES,
  Severity,
} from '@oncall-for-backstage/plugin-oncall-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { WrapRow } from '../shared';

/** Time range presets in days. */
export const RANGE_PRESETS = [7, 30, 90, 180, 365] as const;
export type RangeDays = (typeof RANGE_PRESETS)[number];

export interface IncidentFilterState {
  days: RangeDays;
  severity: Severity[];
  status?: IncidentStatus;
}

function titleCase(value: string): string {
  return value.charAt(0).toLocaleUpperCase('en-US') + value.slice(1);
}

/** Time range, severity (multi-select) and status filters. */
export function IncidentFilters(props: {
  value: IncidentFilterState;
  onChange: (value: IncidentFilterState) => void;
}) {
  const { value, onChange } = props;
  const toggleSeverity = (severity: Severity) => {
    const selected = value.severity.includes(severity)
      ? value.severity.filter(s => s !== severity)
      : [...value.severity, severity];
    onChange({
      ...value,
      severity: SEVERITIES.filter(s => selected.includes(s)),
    });
  };
  return (
    <WrapRow gap={16}>
      <TextField
        select
        id="oncall-incidents-range"
        label="Time range"
        value={value.days}
        onChange={event => {
          const days = RANGE_PRESETS.find(
            d => String(d) === String(event.target.value),
          );
          if (days) onChange({ ...value, days });
        }}
        style={{ minWidth: 160 }}
      >
        {RANGE_PRESETS.map(days => (
          <MenuItem key={days} value={days}>
            Last {days} days
          </MenuItem>
        ))}
      </TextField>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
        role="group"
        aria-label="Severity"
      >
        <Typography variant="caption" color="textSecondary">
          Severity
        </Typography>
        {SEVERITIES.map(severity => {
          const selected = value.severity.includes(severity);
          return (
            <Chip
              key={severity}
              label={severity.toLocaleUpperCase('en-US')}
              clickable
              size="small"
              color={selected ? 'primary' : 'default'}
              variant={selected ? 'default' : 'outlined'}
              onClick={() => toggleSeverity(severity)}
              aria-pressed={selected}
              role="button"
            />
          );
        })}
      </Box>
      <TextField
        select
        id="oncall-incidents-status"
        label="Status"
        value={value.status ?? 'all'}
        onChange={event => {
          const status = INCIDENT_STATUSES.find(s => s === event.target.value);
          onChange({ ...value, status });
        }}
        style={{ minWidth: 160 }}
      >
        <MenuItem value="all">All statuses</MenuItem>
        {INCIDENT_STATUSES.map(status => (
          <MenuItem key={status} value={status}>
            {titleCase(status)}
          </MenuItem>
        ))}
      </TextField>
    </WrapRow>
  );
}
