import { Shift } from '@internal/plugin-oncall-common';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { DateTime } from 'luxon';
import { formatShiftTime, viewerZone } from '../../lib/time';
import { responderColour } from '../shared/ResponderAvatar';

const DAYS = 14;

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    alignItems: 'center',
    marginBottom: theme.spacing(0.5),
  },
  rowLabel: { width: 80, flexShrink: 0 },
  track: {
    position: 'relative',
    flex: 1,
    height: 24,
    background: theme.palette.background.default,
    borderRadius: 4,
    overflow: 'hidden',
  },
  block: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    color: '#fff',
    fontSize: 11,
    lineHeight: '24px',
    paddingLeft: 4,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    textOverflow: 'ellipsis',
    borderRight: `1px solid ${theme.palette.background.paper}`,
    boxSizing: 'border-box',
  },
  ticks: { display: 'flex', marginLeft: 80 },
  tick: {
    flex: 1,
    fontSize: 10,
    color: theme.palette.text.secondary,
    overflow: 'hidden',
  },
}));

const ROLE_LABELS: Record<string, string> = {
  primary: 'Primary',
  secondary: 'Secondary',
  team: 'Team',
};

/** The next 14 days as one row per role, blocks coloured by responder. */
export function UpcomingTimeline(props: { shifts: Shift[]; now?: DateTime }) {
  const classes = useStyles();
  const start = (props.now ?? DateTime.now())
    .setZone(viewerZone())
    .startOf('day');
  const end = start.plus({ days: DAYS });
  const span = end.toMillis() - start.toMillis();
  const shifts = props.shifts.filter(
    shift =>
      DateTime.fromISO(shift.end) > start &&
      DateTime.fromISO(shift.start) < end,
  );
  if (!shifts.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        No shifts in the next {DAYS} days.
      </Typography>
    );
  }
  const roles = Array.from(
    new Set(shifts.map(shift => shift.rotation ?? shift.role)),
  );
  const days = Array.from({ length: DAYS }, (_, i) => start.plus({ days: i }));
  return (
    <div aria-label={`Upcoming ${DAYS} days`} role="figure">
      {roles.map(role => (
        <div className={classes.row} key={role}>
          <Typography variant="caption" className={classes.rowLabel}>
            {ROLE_LABELS[role] ?? role}
          </Typography>
          <div className={classes.track}>
            {shifts
              .filter(shift => (shift.rotation ?? shift.role) === role)
              .map(shift => {
                const from = Math.max(
                  DateTime.fromISO(shift.start).toMillis(),
                  start.toMillis(),
                );
                const to = Math.min(
                  DateTime.fromISO(shift.end).toMillis(),
                  end.toMillis(),
                );
                const left = ((from - start.toMillis()) / span) * 100;
                const width = ((to - from) / span) * 100;
                const label = `${shift.responder.name}: ${formatShiftTime(
                  shift.start,
                )} – ${formatShiftTime(shift.end)}`;
                return (
                  <Tooltip
                    title={label}
                    key={`${shift.start}-${shift.responder.name}`}
                  >
                    <div
                      className={classes.block}
                      aria-label={label}
                      style={{
                        left: `${left}%`,
                        width: `${width}%`,
                        backgroundColor: responderColour(shift.responder.name),
                      }}
                    >
                      {shift.responder.name}
                    </div>
                  </Tooltip>
                );
              })}
          </div>
        </div>
      ))}
      <div className={classes.ticks} aria-hidden>
        {days.map(day => (
          <span className={classes.tick} key={day.toISODate()}>
            {day.weekday === 1 || day.equals(start)
              ? day.toFormat('ccc d')
              : ''}
          </span>
        ))}
      </div>
    </div>
  );
}
