import { SearchDocument } from '@backstage/plugin-search-common';
import { OncallRotationSearchDocument } from '@oncall-for-backstage/plugin-oncall-common';
import Chip from '@material-ui/core/Chip';
import { ReactNode } from 'react';
import { MAX_CHIP_LENGTH, truncate } from '../../lib/text';
import { SearchResultFrame } from './SearchResultFrame';

/** Props of {@link RotationSearchResultListItem}. @public */
export interface RotationSearchResultListItemProps {
  result?: SearchDocument & Partial<OncallRotationSearchDocument>;
  rank?: number;
  icon?: ReactNode;
}

/** A search result of type `oncall-rotation`: who is on call now for a team. @public */
export function RotationSearchResultListItem(
  props: RotationSearchResultListItemProps,
) {
  const { result } = props;
  if (!result) {
    return null;
  }
  return (
    <SearchResultFrame
      title={result.title}
      text={result.text}
      location={result.location}
      rank={props.rank}
      icon={props.icon}
      chips={
        <>
          {result.team && (
            <Chip
              size="small"
              variant="outlined"
              label={`Team ${truncate(result.team, MAX_CHIP_LENGTH)}`}
            />
          )}
          {result.scheduleName && (
            <Chip
              size="small"
              variant="outlined"
              label={`Schedule ${truncate(
                result.scheduleName,
                MAX_CHIP_LENGTH,
              )}`}
            />
          )}
          {(result.responders ?? []).map(responder => (
            <Chip
              key={responder}
              size="small"
              color="primary"
              label={truncate(responder, MAX_CHIP_LENGTH)}
            />
          ))}
        </>
      }
    />
  );
}
