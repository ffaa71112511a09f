import { useAnalytics } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import { ReactNode } from 'react';
import { MAX_SENTENCE_LENGTH } from '../../lib/text';
import { LongText, SafeLink } from '../shared';

/** Shared layout of the on-call search result items. */
export function SearchResultFrame(props: {
  title: string;
  text: string;
  location: string;
  rank?: number;
  icon?: ReactNode;
  chips: ReactNode;
}) {
  const analytics = useAnalytics();
  return (
    <ListItem alignItems="flex-start" divider>
      {props.icon && <ListItemIcon>{props.icon}</ListItemIcon>}
      <ListItemText
        style={{ overflowWrap: 'anywhere' }}
        primaryTypographyProps={{ variant: 'h6' }}
        primary={
          <SafeLink
            to={props.location}
            appRelative
            noTrack
            onClick={() =>
              analytics.captureEvent('discover', props.title, {
                attributes: { to: props.location },
                value: props.rank,
              })
            }
          >
            <LongText value={props.title} />
          </SafeLink>
        }
        secondary={
          <>
            <Box component="span" display="block">
              <LongText value={props.text} max={MAX_SENTENCE_LENGTH} />
            </Box>
            <Box
              component="span"
              display="flex"
              flexWrap="wrap"
              mt={1}
              style={{ gap: 8 }}
            >
              {props.chips}
            </Box>
          </>
        }
      />
    </ListItem>
  );
}
