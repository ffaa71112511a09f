import { CodeSnippet, EmptyState } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

/**
 * Builds the YAML to add to `catalog-info.yaml` for an annotation given as `key: value`
 * (or a bare key, whose value defaults to the entity name).
 */
export function annotationYaml(annotation: string, entityName: string): string {
  const separator = annotation.indexOf(':', annotation.indexOf('/'));
  const key =
    separator > 0 ? annotation.slice(0, separator).trim() : annotation;
  const value =
    separator > 0 ? annotation.slice(separator + 1).trim() : entityName;
  return [
    'metadata:',
    `  name: ${entityName}`,
    '  annotations:',
    `    ${key}: ${value || entityName}`,
  ].join('\n');
}

/** "Not configured — here is the annotation to add", like Backstage's missing-annotation state. */
export function NotConfiguredPanel(props: {
  title: string;
  reason: string;
  annotation: string;
  entityName: string;
}) {
  const yaml = annotationYaml(props.annotation, props.entityName);
  return (
    <EmptyState
      missing="field"
      title={props.title}
      description={
        <>
          <Typography variant="body1" component="span">
            {props.reason}
          </Typography>
        </>
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
            customStyle={{ background: 'inherit', fontSize: '115%' }}
          />
        </Box>
      }
    />
  );
}
