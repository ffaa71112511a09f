import { InfoCard } from '@backstage/core-components';
import {
  CoverageGroup,
  MigrationSummary,
  summarizeMigration,
} from '@oncall-for-backstage/plugin-oncall-common';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { DateTime } from 'luxon';
import { ProviderChip } from '../shared';

/** The backend's summary, or one worked out from the Groups when the backend sends none. */
export function migrationOf(
  migration: MigrationSummary | undefined,
  groups: CoverageGroup[],
): MigrationSummary {
  return (
    migration ??
    summarizeMigration(
      groups.map(group => ({
        provider: group.state === 'missing' ? undefined : group.provider,
        ambiguous: Boolean(group.ambiguity),
      })),
      new Date(),
    )
  );
}

function endDateLabel(date: string): string {
  return DateTime.fromISO(date, { zone: 'utc' }).toLocaleString(
    DateTime.DATE_FULL,
  );
}

/** Teams per provider, "N of M teams off Opsgenie" and the days left until its API stops. */
export function MigrationTracker(props: { migration: MigrationSummary }) {
  const { migration } = props;
  const percent = migration.teams
    ? Math.round((migration.teamsOffOpsgenie / migration.teams) * 100)
    : 0;
  const endLabel = endDateLabel(migration.opsgenieEndDate);
  return (
    <InfoCard title="Migration off Opsgenie">
      <Box display="flex" flexWrap="wrap" style={{ gap: 32 }}>
        <Box minWidth={240}>
          <Typography variant="h4" component="p">
            {migration.teamsOffOpsgenie} of {migration.teams} teams
          </Typography>
          <Typography variant="body2" color="textSecondary">
            off Opsgenie
          </Typography>
          <Box mt={1}>
            <LinearProgress
              variant="determinate"
              value={percent}
              aria-label={`${percent}% of teams off Opsgenie`}
            />
          </Box>
        </Box>
        <Box minWidth={200}>
          <Typography variant="h4" component="p">
            {migration.daysLeft === 1
              ? '1 day left'
              : `${migration.daysLeft} days left`}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {migration.daysLeft > 0
              ? `Opsgenie's API stops on ${endLabel}`
              : `Opsgenie's API stopped on ${endLabel}`}
          </Typography>
        </Box>
        <Box minWidth={240}>
          <Typography variant="subtitle2" gutterBottom>
            Teams per provider
          </Typography>
          {migration.byProvider.length ? (
            <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
              {migration.byProvider.map(count => (
                <Box component="li" key={count.providerId} mb={0.5}>
                  <ProviderChip source={count} />{' '}
                  <Typography variant="body2" component="span">
                    {count.teams === 1 ? '1 team' : `${count.teams} teams`}
                  </Typography>
                </Box>
              ))}
            </Box>
          ) : (
            <Typography variant="body2">No team has a rotation yet.</Typography>
          )}
          {(migration.ambiguous > 0 || migration.missing > 0) && (
            <Typography variant="body2" color="textSecondary">
              {[
                migration.ambiguous
                  ? `${migration.ambiguous} ambiguous (in several providers)`
                  : '',
                migration.missing
                  ? `${migration.missing} without a rotation`
                  : '',
              ]
                .filter(Boolean)
                .join(' · ')}
            </Typography>
          )}
        </Box>
      </Box>
    </InfoCard>
  );
}
