import { Shift } from '@oncall-for-backstage/plugin-oncall-common';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { DateTime } from 'luxon';
import useMeasure from 'react-use/esm/useMeasure';
import {
  MAX_DISPLAY_LENGTH,
  MAX_TOOLTIP_LENGTH,
  truncate,
} from '../../lib/text';
import { formatShiftTime, viewerZone } from '../../lib/time';
import { responderColour } from '../shared/ResponderAvatar';
import { DAY_LABEL_WIDTH, dayLabels } from './timelineLabels';

const DAYS = 14;

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    alignItems: 'center',
    marginBottom: theme.spacing(0.5),
  },
  rowLabel: {
    width: 80,
    flexShrink: 0,
    paddingRight: theme.spacing(0.5),
    boxSizing: 'border-box',
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    textOverflow: 'ellipsis',
  },
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
  ticks: { position: 'relative', height: 16, marginLeft: 80 },
  tick: {
    position: 'absolute',
    top: 0,
    width: DAY_LABEL_WIDTH,
    fontSize: 10,
    lineHeight: '16px',
    color: theme.palette.text.secondary,
    whiteSpace: 'nowrap',
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
          <Typography
            variant="caption"
            className={classes.rowLabel}
            title={truncate(ROLE_LABELS[role] ?? role, MAX_TOOLTIP_LENGTH)}
          >
            {ROLE_LABELS[role] ?? truncate(role, MAX_DISPLAY_LENGTH)}
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
                const name = truncate(shift.responder.name, MAX_DISPLAY_LENGTH);
                const label = `${name}: ${formatShiftTime(
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
                      {name}
                    </div>
                  </Tooltip>
                );
              })}
          </div>
        </div>
      ))}
      <DayAxis days={days} />
    </div>
  );
}

/** Day labels under the tracks, as many as fit the measured width without overlapping. */
function DayAxis(props: { days: DateTime[] }) {
  const classes = useStyles();
  const [ref, { width }] = useMeasure<HTMLDivElement>();
  return (
    <div ref={ref} className={classes.ticks} aria-hidden>
      {dayLabels(props.days, width).map(label => (
        <span
          className={classes.tick}
          key={label.day.toISODate()}
          data-day-label={label.day.toISODate()}
          style={{ left: label.left }}
        >
          {label.text}
        </span>
      ))}
    </div>
  );
}
