import { SearchDocument } from '@backstage/plugin-search-common';
import {
  OncallIncidentSearchDocument,
  SEVERITIES,
} from '@oncall-for-backstage/plugin-oncall-common';
import Chip from '@material-ui/core/Chip';
import { ReactNode } from 'react';
import { shortRef } from '../../lib/entityRef';
import { MAX_CHIP_LENGTH, truncate } from '../../lib/text';
import { formatDateTime } from '../../lib/time';
import { SeverityChip } from '../IncidentsContent/SeverityChip';
import { SearchResultFrame } from './SearchResultFrame';

/** Props of {@link IncidentSearchResultListItem}. @public */
export interface IncidentSearchResultListItemProps {
  result?: SearchDocument & Partial<OncallIncidentSearchDocument>;
  rank?: number;
  icon?: ReactNode;
}

/** A search result of type `oncall-incident`. @public */
export function IncidentSearchResultListItem(
  props: IncidentSearchResultListItemProps,
) {
  const { result } = props;
  if (!result) {
    return null;
  }
  const severity = SEVERITIES.find(s => s === result.severity);
  return (
    <SearchResultFrame
      title={result.title}
      text={result.text}
      location={result.location}
      rank={props.rank}
      icon={props.icon}
      chips={
        <>
          {severity && <SeverityChip severity={severity} />}
          {result.status && (
            <Chip
              size="small"
              variant="outlined"
              label={truncate(result.status, MAX_CHIP_LENGTH)}
            />
          )}
          {result.startedAt && (
            <Chip
              size="small"
              variant="outlined"
              label={`Started ${formatDateTime(result.startedAt)}`}
            />
          )}
          {result.entityRef && (
            <Chip
              size="small"
              variant="outlined"
              label={truncate(shortRef(result.entityRef), MAX_CHIP_LENGTH)}
            />
          )}
          {result.commander && (
            <Chip
              size="small"
              variant="outlined"
              label={`IC ${truncate(result.commander, MAX_CHIP_LENGTH)}`}
            />
          )}
        </>
      }
    />
  );
}
