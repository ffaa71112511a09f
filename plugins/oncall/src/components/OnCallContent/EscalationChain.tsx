import {
  EscalationLevel,
  Responder,
} from '@oncall-for-backstage/plugin-oncall-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatShiftTime } from '../../lib/time';
import { LongText, ResponderAvatar, SafeLink } from '../shared';

const useStyles = makeStyles(theme => ({
  level: {
    display: 'flex',
    gap: theme.spacing(2),
    padding: theme.spacing(1, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
    '&:last-child': { borderBottom: 'none' },
  },
  label: { minWidth: 110, flexShrink: 0, fontWeight: 600 },
  responders: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
    minWidth: 0,
  },
  responder: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    minWidth: 0,
    maxWidth: '100%',
  },
  text: { minWidth: 0, overflowWrap: 'anywhere' },
}));

/** The org's words for an escalation level: Primary / Secondary / Whole team after N min. */
export function levelLabel(level: EscalationLevel): string {
  if (level.role === 'team') {
    return level.afterMinutes > 0
      ? `Whole team after ${level.afterMinutes} min`
      : 'Whole team';
  }
  const name = level.role === 'primary' ? 'Primary' : 'Secondary';
  return level.afterMinutes > 0
    ? `${name} after ${level.afterMinutes} min`
    : name;
}

function ResponderLine(props: { responder: Responder; compact?: boolean }) {
  const classes = useStyles();
  const { responder } = props;
  return (
    <div className={classes.responder}>
      <ResponderAvatar name={responder.name} size={props.compact ? 24 : 32} />
      <div className={classes.text}>
        <Typography variant="body2">
          <LongText value={responder.name} />
        </Typography>
        {!props.compact && (
          <Typography variant="caption" color="textSecondary" component="div">
            {responder.email && (
              <SafeLink to={`mailto:${responder.email}`} mailto>
                <LongText value={responder.email} />
              </SafeLink>
            )}
            {responder.email && responder.shiftEnd && ' · '}
            {responder.shiftEnd &&
              `until ${formatShiftTime(responder.shiftEnd)}`}
          </Typography>
        )}
      </div>
    </div>
  );
}

/** Every escalation level with its responders. */
export function EscalationChain(props: {
  levels: EscalationLevel[];
  compact?: boolean;
  /** Show only the levels a page reaches first (primary, secondary) and summarise the team. */
  teamSize?: 'full' | 'summary';
}) {
  const classes = useStyles();
  if (!props.levels.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        No escalation levels are defined for this rotation.
      </Typography>
    );
  }
  return (
    <Box role="list" aria-label="Escalation chain">
      {props.levels.map((level, index) => (
        <div
          className={classes.level}
          role="listitem"
          key={`${level.role}-${index}`}
        >
          <Typography variant="body2" className={classes.label}>
            {levelLabel(level)}
          </Typography>
          <div className={classes.responders}>
            {level.responders.length === 0 && (
              <Typography variant="body2" color="textSecondary">
                Nobody on call
              </Typography>
            )}
            {level.role === 'team' && props.teamSize === 'summary' ? (
              <Typography variant="body2">
                {level.responders.length} people
              </Typography>
            ) : (
              level.responders.map(responder => (
                <ResponderLine
                  key={responder.email ?? responder.name}
                  responder={responder}
                  compact={props.compact}
                />
              ))
            )}
          </div>
        </div>
      ))}
    </Box>
  );
}
