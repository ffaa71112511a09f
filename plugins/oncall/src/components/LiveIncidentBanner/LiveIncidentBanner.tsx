import { useEntity } from '@backstage/plugin-catalog-react';
import { Incident } from '@oncall-for-backstage/plugin-oncall-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { useLiveIncidents } from '../../hooks/useLiveIncidents';
import { errorMessage } from '../../lib/errorMessage';
import { MAX_SENTENCE_LENGTH, truncate } from '../../lib/text';
import { formatAge } from '../../lib/time';
import { OpenIncidentRow } from './OpenIncidentRow';
import { useMinuteTick } from './useMinuteTick';

const ROLL_UP_KINDS = ['group', 'system'];

/**
 * The live incident banner for the top of an entity page: every open incident touching the
 * entity (on a Group or System page, touching the services it owns or holds), kept current by
 * the backend's signals. Shows nothing when no incident is open.
 */
export function LiveIncidentBanner() {
  const { entity } = useEntity();
  const { loading, error, value, retry } = useLiveIncidents(entity);
  useMinuteTick();

  if (error) {
    return (
      <Box mb={2}>
        <Alert
          severity="warning"
          role="status"
          action={
            <Button color="inherit" size="small" onClick={retry}>
              Retry
            </Button>
          }
        >
          Could not check for open incidents:{' '}
          {truncate(errorMessage(error), MAX_SENTENCE_LENGTH)}
        </Alert>
      </Box>
    );
  }
  if (!value) {
    return loading ? (
      <Box mb={2} aria-label="Checking for open incidents">
        <LinearProgress />
      </Box>
    ) : null;
  }
  const { items, freshness } = value;
  const neverSynced = freshness.sources.every(
    source => !source.asOf && !source.lastError,
  );
  if (neverSynced && items.length === 0) {
    return (
      <Box mb={2}>
        <Alert severity="info" role="status">
          Live incidents are not available yet: incidents have never been
          synced. Configure the incident source with an{' '}
          <code>oncall.blameless</code> section in the app config; incidents are
          matched by the <code>blameless.com/service</code> annotation (default:
          the entity name).
        </Alert>
      </Box>
    );
  }
  const staleNote = freshness.stale
    ? `Incident data from ${
        freshness.asOf ? `${formatAge(freshness.asOf)} ago` : 'an earlier sync'
      }: the incident source is not answering.`
    : undefined;
  if (items.length === 0) {
    return staleNote ? (
      <Box mb={2}>
        <Alert severity="warning" role="status">
          No open incidents known. {staleNote}
        </Alert>
      </Box>
    ) : null;
  }
  return (
    <Box mb={2}>
      <Alert
        severity="error"
        role="alert"
        aria-label="Open incidents"
        data-testid="live-incident-banner"
      >
        <AlertTitle>{title(items)}</AlertTitle>
        <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
          {items.map(incident => (
            <OpenIncidentRow
              key={incident.id}
              incident={incident}
              showServices={ROLL_UP_KINDS.includes(
                entity.kind.toLocaleLowerCase('en-US'),
              )}
            />
          ))}
          {staleNote && <span>{staleNote}</span>}
        </Box>
      </Alert>
    </Box>
  );
}

function title(items: Incident[]): string {
  return items.length === 1
    ? 'An incident is open'
    : `${items.length} incidents are open`;
}
