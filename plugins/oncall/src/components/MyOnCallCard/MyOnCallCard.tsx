import { InfoCard } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import {
  EscalationRole,
  MyOnCall,
} from '@oncall-for-backstage/plugin-oncall-common';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { useMyOnCall } from '../../hooks';
import { CalendarSubscription } from './CalendarSubscription';
import { LastShiftLine } from './LastShiftLine';
import { MAX_DISPLAY_LENGTH, truncate } from '../../lib/text';
import { formatRelative, formatShiftTime } from '../../lib/time';
import { AsyncView, FreshnessBanner } from '../shared';

const ROLE: Record<EscalationRole, string> = {
  primary: 'Primary',
  secondary: 'Secondary',
  team: 'Team',
};

function MyShifts(props: { mine: MyOnCall }) {
  const { mine } = props;
  const now = Date.now();
  // The current shift is listed under "on call now"; the list below holds the ones to come.
  const next = mine.upcoming.filter(shift => Date.parse(shift.start) > now);
  if (!mine.email) {
    return (
      <Typography variant="body2">
        Your profile has no email address, so your Opsgenie shifts cannot be
        found. Add <code>spec.profile.email</code> to your User entity.
      </Typography>
    );
  }
  return (
    <>
      <FreshnessBanner freshness={mine.freshness} />
      {mine.onCallNow.length ? (
        <>
          <Typography variant="h6">You are on call now</Typography>
          <List dense disablePadding>
            {mine.onCallNow.map(shift => (
              <ListItem
                key={`${shift.schedule.id}-${shift.role}`}
                disableGutters
              >
                <ListItemText
                  style={{ overflowWrap: 'anywhere' }}
                  primary={`${ROLE[shift.role] ?? shift.role} for ${truncate(
                    shift.team ?? shift.schedule.name,
                    MAX_DISPLAY_LENGTH,
                  )}`}
                  secondary={`${truncate(
                    shift.schedule.name,
                    MAX_DISPLAY_LENGTH,
                  )}${
                    shift.shiftEnd
                      ? ` · until ${formatShiftTime(shift.shiftEnd)}`
                      : ''
                  }`}
                />
              </ListItem>
            ))}
          </List>
        </>
      ) : (
        <Typography variant="body1">You are not on call right now.</Typography>
      )}
      <Box mt={2}>
        <Typography variant="subtitle2">Your next shifts</Typography>
        {next.length ? (
          <List dense disablePadding>
            {next.map(shift => (
              <ListItem
                key={`${shift.schedule.id}-${shift.start}`}
                disableGutters
              >
                <ListItemText
                  style={{ overflowWrap: 'anywhere' }}
                  primary={`${formatShiftTime(shift.start)} – ${formatShiftTime(
                    shift.end,
                  )} (${formatRelative(shift.start)})`}
                  secondary={`${ROLE[shift.role] ?? shift.role} · ${truncate(
                    shift.team ?? shift.schedule.name,
                    MAX_DISPLAY_LENGTH,
                  )}`}
                />
              </ListItem>
            ))}
          </List>
        ) : (
          <Typography variant="body2" color="textSecondary">
            No shifts in the next 14 days.
          </Typography>
        )}
      </Box>
    </>
  );
}

/** Content of the "My on-call" card (without the card frame, for home page widgets). */
export function MyOnCallContent() {
  const mine = useMyOnCall();
  if (mine.error instanceof ResponseError && mine.error.statusCode === 401) {
    return (
      <Typography variant="body2">
        Sign in to see your on-call shifts.
      </Typography>
    );
  }
  return (
    <AsyncView state={mine} loadingLabel="Loading your on-call">
      {value => (
        <>
          <MyShifts mine={value} />
          <LastShiftLine />
          {value.email ? <CalendarSubscription /> : null}
        </>
      )}
    </AsyncView>
  );
}

/** "My on-call": am I on call now, and my next shifts. */
export function MyOnCallCard() {
  return (
    <InfoCard title="My on-call">
      <MyOnCallContent />
    </InfoCard>
  );
}
