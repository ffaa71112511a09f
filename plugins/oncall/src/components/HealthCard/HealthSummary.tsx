import { OnCallHealth } from '@oncall-for-backstage/plugin-oncall-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { formatMinutes } from '../../lib/time';
import { LongText, SafeLink } from '../shared';

const minutes = (ms?: number) =>
  ms === undefined ? '–' : formatMinutes(Math.round(ms / 60_000));

/** Totals, the overload rule with its source, fairness and the noisiest alerts. */
export function HealthSummary(props: { health: OnCallHealth }) {
  const { health } = props;
  const { totals, thresholds, fairness } = health;
  const overloaded = health.weeks.filter(w => w.overloaded);
  return (
    <>
      <Typography variant="body2">
        {totals.pages} pages in {health.window.weeks} weeks: {totals.offHours}{' '}
        off-hours, {totals.sleepHours} in sleep hours, {totals.escalated}{' '}
        escalated; time to acknowledge p50 {minutes(totals.ackP50Ms)}, p90{' '}
        {minutes(totals.ackP90Ms)}.
      </Typography>
      <Typography
        variant="body2"
        color={overloaded.length ? 'error' : 'textSecondary'}
      >
        {overloaded.length
          ? `Overloaded in ${overloaded.length} of ${
              health.weeks.length
            } weeks (latest: ${overloaded[overloaded.length - 1].reasons.join(
              '; ',
            )}).`
          : 'No overloaded week.'}
      </Typography>
      <Typography variant="caption" color="textSecondary" component="div">
        Overloaded: more than {thresholds.pagesPerShift} pages per{' '}
        {thresholds.shiftHours}-hour shift on average, or sleep-hour pages on{' '}
        {thresholds.sleepNights} or more nights in a week. Source:{' '}
        <SafeLink to={thresholds.source.url} fallback={thresholds.source.title}>
          {thresholds.source.title}
        </SafeLink>
        .
      </Typography>
      {fairness.maxUsername && (
        <Typography variant="caption" color="textSecondary" component="div">
          Fairness: at most {fairness.maxPagesPerShift.toFixed(2)} pages per
          shift (<LongText value={fairness.maxUsername} />
          ), median {fairness.medianPagesPerShift.toFixed(2)}.
        </Typography>
      )}
      <Box mt={2}>
        <Typography variant="subtitle2">Noisiest alerts</Typography>
        {health.noisyAlerts.length === 0 ? (
          <Typography variant="body2">No alerts in this window.</Typography>
        ) : (
          <Box component="ol" pl={3} my={0}>
            {health.noisyAlerts.map(alert => (
              <li key={alert.key}>
                <Typography
                  variant="body2"
                  style={{ overflowWrap: 'anywhere' }}
                >
                  <SafeLink to={alert.url}>
                    <LongText value={alert.message} />
                  </SafeLink>{' '}
                  — {alert.occurrences} times ({Math.round(alert.share * 100)}%)
                  {alert.closedWithoutAck > 0
                    ? `, ${alert.closedWithoutAck} closed without acknowledgement`
                    : ''}
                </Typography>
              </li>
            ))}
          </Box>
        )}
      </Box>
    </>
  );
}
