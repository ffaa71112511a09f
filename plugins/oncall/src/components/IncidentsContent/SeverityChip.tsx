import {
  RetrospectiveStatus,
  Severity,
} from '@oncall-for-backstage/plugin-oncall-common';
import Chip from '@material-ui/core/Chip';

/** Colour per severity, most severe darkest. */
export const SEVERITY_COLOURS: Record<Severity, string> = {
  sev0: '#7b1fa2',
  sev1: '#d32f2f',
  sev2: '#f57c00',
  sev3: '#fbc02d',
};

const SEVERITY_TEXT: Record<Severity, string> = {
  sev0: '#fff',
  sev1: '#fff',
  sev2: '#000',
  sev3: '#000',
};

/** A severity chip, e.g. `SEV1` in red. */
export function SeverityChip(props: { severity: Severity }) {
  return (
    <Chip
      size="small"
      label={props.severity.toLocaleUpperCase('en-US')}
      style={{
        backgroundColor: SEVERITY_COLOURS[props.severity] ?? '#9e9e9e',
        color: SEVERITY_TEXT[props.severity] ?? '#000',
        fontWeight: 600,
      }}
    />
  );
}

const RETRO_LABELS: Record<RetrospectiveStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  in_review: 'In review',
  completed: 'Completed',
  not_required: 'Not required',
};

const RETRO_COLOURS: Record<
  RetrospectiveStatus,
  'default' | 'primary' | 'secondary'
> = {
  not_started: 'secondary',
  in_progress: 'default',
  in_review: 'default',
  completed: 'primary',
  not_required: 'default',
};

/** The retrospective's state as a chip. */
export function RetrospectiveChip(props: { status: RetrospectiveStatus }) {
  return (
    <Chip
      size="small"
      variant="outlined"
      color={RETRO_COLOURS[props.status] ?? 'default'}
      label={RETRO_LABELS[props.status] ?? props.status}
    />
  );
}
