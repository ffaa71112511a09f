import { CodeSnippet, EmptyState } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { AnnotationHint } from '@oncall-for-backstage/plugin-oncall-common';
import { annotationYaml } from '../../lib/annotationHint';
import {
  MAX_DISPLAY_LENGTH,
  MAX_SENTENCE_LENGTH,
  truncate,
} from '../../lib/text';
import { LongText } from './LongText';

const useStyles = makeStyles({
  // Long tokens in the title, the reason and the snippet wrap inside the panel.
  root: { minWidth: 0, overflowWrap: 'anywhere' },
});

/** "Not configured — here is the annotation to add", like Backstage's missing-annotation state. */
export function NotConfiguredPanel(props: {
  title: string;
  reason: string;
  annotation: AnnotationHint;
  entityName: string;
}) {
  const classes = useStyles();
  const yaml = annotationYaml(props.annotation, props.entityName);
  return (
    <div className={classes.root}>
      <EmptyState
        missing="field"
        title={truncate(props.title, MAX_DISPLAY_LENGTH)}
        description={
          <Typography variant="body1" component="span">
            <LongText value={props.reason} max={MAX_SENTENCE_LENGTH} />
          </Typography>
        }
        action={
          <Box maxWidth={640}>
            <Typography variant="body2" paragraph>
              Add the annotation to the entity&apos;s{' '}
              <code>catalog-info.yaml</code>:
            </Typography>
            <CodeSnippet
              text={yaml}
              language="yaml"
              showLineNumbers
              highlightedNumbers={[4]}
              customStyle={{
                background: 'inherit',
                fontSize: '115%',
                whiteSpace: 'pre-wrap',
                overflowWrap: 'anywhere',
              }}
            />
          </Box>
        }
      />
    </div>
  );
}
