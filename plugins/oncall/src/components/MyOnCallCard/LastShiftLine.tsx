import Typography from '@material-ui/core/Typography';
import { useMyLastShift } from '../../hooks';
import { formatMinutes } from '../../lib/time';
import { LongText } from '../shared';

/**
 * "Your last shift: 7 pages, 2 at night, median ack 4 min". Quiet while loading and when the
 * figures cannot be read: the card's own states speak for the shifts.
 */
export function LastShiftLine() {
  const { value, error } = useMyLastShift();
  if (error || !value) {
    return null;
  }
  const shift = value.lastShift;
  if (!shift) {
    return value.notice ? null : (
      <Typography variant="body2" color="textSecondary">
        No past shift on record.
      </Typography>
    );
  }
  const ack =
    shift.ackP50Ms === undefined
      ? ''
      : `, median ack ${formatMinutes(shift.ackP50Ms / 60_000)}`;
  return (
    <Typography
      variant="body2"
      style={{ marginTop: 8, overflowWrap: 'anywhere' }}
      aria-label="Your last shift"
    >
      Your last shift (<LongText value={shift.schedule} />
      ): {shift.pages} {shift.pages === 1 ? 'page' : 'pages'},{' '}
      {shift.sleepHours} at night{ack}
      {value.freshness.stale ? ' (figures may be out of date)' : ''}.
    </Typography>
  );
}
