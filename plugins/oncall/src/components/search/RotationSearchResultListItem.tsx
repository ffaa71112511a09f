import Chip from '@material-ui/core/Chip';
import { MAX_CHIP_LENGTH, truncate } from '../../lib/text';
import { ResultChip, SearchResultFrame } from './SearchResultFrame';
import { RotationSearchResultListItemProps } from './searchResultProps';

function rotationChips(
  result: NonNullable<RotationSearchResultListItemProps['result']>,
) {
  return (
    <>
      {result.team && (
        <ResultChip label={`Team ${truncate(result.team, MAX_CHIP_LENGTH)}`} />
      )}
      {result.scheduleName && (
        <ResultChip
          label={`Schedule ${truncate(result.scheduleName, MAX_CHIP_LENGTH)}`}
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
  );
}

/** A search result of type `oncall-rotation`: who is on call now for a team. @public */
export function RotationSearchResultListItem(
  props: RotationSearchResultListItemProps,
) {
  return <SearchResultFrame {...props} chips={rotationChips} />;
}
