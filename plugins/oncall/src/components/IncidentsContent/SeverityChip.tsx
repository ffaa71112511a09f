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

/** How a retrospective state shows as a chip. */
interface RetroChip {
  label: string;
  color: 'default' | 'primary' | 'secondary';
}

const RETRO_CHIPS: Record<RetrospectiveStatus, RetroChip> = {
  not_started: { label: 'Not started', color: 'secondary' },
  in_progress: { label: 'In progress', color: 'default' },
  in_review: { label: 'In review', color: 'default' },
  completed: { label: 'Completed', color: 'primary' },
  not_required: { label: 'Not required', color: 'default' },
};

/** The retrospective's state as a chip. */
export function RetrospectiveChip(props: { status: RetrospectiveStatus }) {
  const chip = RETRO_CHIPS[props.status];
  return (
    <Chip
      size="small"
      variant="outlined"
      color={chip?.color ?? 'default'}
      label={chip?.label ?? props.status}
    />
  );
}
