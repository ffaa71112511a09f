import { Freshness } from '@oncall-for-backstage/plugin-oncall-common';
import Alert from '@material-ui/lab/Alert';
import { formatAge } from '../../lib/time';
import { MAX_SENTENCE_LENGTH, truncate } from '../../lib/text';
import { vendorName } from '../../lib/vendors';

/** Warns when a response is served from stale data, naming the failing vendor. */
export function FreshnessBanner(props: { freshness?: Freshness }) {
  const { freshness } = props;
  if (!freshness?.stale) {
    return null;
  }
  const age = freshness.asOf
    ? `Showing data from ${formatAge(freshness.asOf)} ago`
    : 'Showing the last data available';
  const failing = freshness.sources.filter(source => source.lastError);
  const reasons = failing.length
    ? failing
        .map(
          source =>
            `${vendorName(source.source)} is failing: ${truncate(
              source.lastError?.message ?? '',
              MAX_SENTENCE_LENGTH,
            )}`,
        )
        .join('; ')
    : freshness.sources
        .filter(source => source.stale)
        .map(source => `${vendorName(source.source)} has not refreshed`)
        .join('; ');
  return (
    <Alert
      severity="warning"
      role="status"
      style={{ marginBottom: 16, overflowWrap: 'anywhere' }}
    >
      {reasons ? `${age} — ${reasons}` : age}
    </Alert>
  );
}
