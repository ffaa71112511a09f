import { useAnalytics } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import { ReactNode } from 'react';
import { MAX_SENTENCE_LENGTH } from '../../lib/text';
import { LongText, SafeLink } from '../shared';
import { OnCallSearchResultProps } from './searchResultProps';

type Result<TDocument extends object> = NonNullable<
  OnCallSearchResultProps<TDocument>['result']
>;

/** Shared layout of the on-call search result items, with the chips a result shows. */
export function SearchResultFrame<TDocument extends object>(
  props: OnCallSearchResultProps<TDocument> & {
    chips: (result: Result<TDocument>) => ReactNode;
  },
) {
  const { result } = props;
  if (!result) {
    return null;
  }
  return <ResultListItem {...props} result={result} />;
}

/** A small outlined chip of a search result. */
export function ResultChip(props: { label: string }) {
  return <Chip size="small" variant="outlined" label={props.label} />;
}

function ResultListItem<TDocument extends object>(
  props: OnCallSearchResultProps<TDocument> & {
    result: Result<TDocument>;
    chips: (result: Result<TDocument>) => ReactNode;
  },
) {
  const { result } = props;
  const analytics = useAnalytics();
  return (
    <ListItem alignItems="flex-start" divider>
      {props.icon && <ListItemIcon>{props.icon}</ListItemIcon>}
      <ListItemText
        style={{ overflowWrap: 'anywhere' }}
        primaryTypographyProps={{ variant: 'h6' }}
        primary={
          <SafeLink
            to={result.location}
            appRelative
            noTrack
            onClick={() =>
              analytics.captureEvent('discover', result.title, {
                attributes: { to: result.location },
                value: props.rank,
              })
            }
          >
            <LongText value={result.title} />
          </SafeLink>
        }
        secondary={
          <>
            <Box component="span" display="block">
              <LongText value={result.text} max={MAX_SENTENCE_LENGTH} />
            </Box>
            <Box
              component="span"
              display="flex"
              flexWrap="wrap"
              mt={1}
              style={{ gap: 8 }}
            >
              {props.chips(result)}
            </Box>
          </>
        }
      />
    </ListItem>
  );
}
