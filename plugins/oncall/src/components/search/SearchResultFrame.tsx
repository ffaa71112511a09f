import { Link } from '@backstage/core-components';
import { useAnalytics } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import { ReactNode } from 'react';

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
          <Link
            to={props.location}
            noTrack
            onClick={() =>
              analytics.captureEvent('discover', props.title, {
                attributes: { to: props.location },
                value: props.rank,
              })
            }
          >
            {props.title}
          </Link>
        }
        secondary={
          <>
            <Box component="span" display="block">
              {props.text}
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
