import { Entity } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import {
  DATADOG_DASHBOARD_URL_ANNOTATION,
  KIBANA_URL_ANNOTATION,
} from '@internal/plugin-oncall-common';
import Box from '@material-ui/core/Box';

function safeUrl(value: string | undefined): string | undefined {
  return value && /^https?:\/\//i.test(value.trim()) ? value.trim() : undefined;
}

/** Kibana logs and DataDog dashboard links, when the entity is annotated with them. */
export function ServiceLinks(props: { entity: Entity }) {
  const annotations = props.entity.metadata.annotations ?? {};
  const links = [
    { title: 'Kibana logs', url: safeUrl(annotations[KIBANA_URL_ANNOTATION]) },
    {
      title: 'DataDog dashboard',
      url: safeUrl(annotations[DATADOG_DASHBOARD_URL_ANNOTATION]),
    },
  ].filter(link => link.url);
  if (!links.length) {
    return null;
  }
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 16 }}>
      {links.map(link => (
        <Link key={link.title} to={link.url ?? ''}>
          {link.title}
        </Link>
      ))}
    </Box>
  );
}
