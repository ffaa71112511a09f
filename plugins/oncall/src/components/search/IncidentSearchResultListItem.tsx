import { SEVERITIES } from '@oncall-for-backstage/plugin-oncall-common';
import { shortRef } from '../../lib/entityRef';
import { MAX_CHIP_LENGTH, truncate } from '../../lib/text';
import { formatDateTime } from '../../lib/time';
import { SeverityChip } from '../IncidentsContent/SeverityChip';
import { ResultChip, SearchResultFrame } from './SearchResultFrame';
import { IncidentSearchResultListItemProps } from './searchResultProps';

function incidentChips(
  result: NonNullable<IncidentSearchResultListItemProps['result']>,
) {
  const severity = SEVERITIES.find(s => s === result.severity);
  return (
    <>
      {severity && <SeverityChip severity={severity} />}
      {result.status && (
        <ResultChip label={truncate(result.status, MAX_CHIP_LENGTH)} />
      )}
      {result.startedAt && (
        <ResultChip label={`Started ${formatDateTime(result.startedAt)}`} />
      )}
      {result.entityRef && (
        <ResultChip
          label={truncate(shortRef(result.entityRef), MAX_CHIP_LENGTH)}
        />
      )}
      {result.commander && (
        <ResultChip
          label={`IC ${truncate(result.commander, MAX_CHIP_LENGTH)}`}
        />
      )}
    </>
  );
}

/** A search result of type `oncall-incident`. @public */
export function IncidentSearchResultListItem(
  props: IncidentSearchResultListItemProps,
) {
  return <SearchResultFrame {...props} chips={incidentChips} />;
}
