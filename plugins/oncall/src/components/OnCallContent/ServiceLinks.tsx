import { Entity } from '@backstage/catalog-model';
import {
  DATADOG_DASHBOARD_URL_ANNOTATION,
  KIBANA_URL_ANNOTATION,
} from '@oncall-for-backstage/plugin-oncall-common';
import Box from '@material-ui/core/Box';
import { safeHref } from '../../lib/safeHref';
import { SafeLink } from '../shared';

/** Kibana logs and DataDog dashboard links, when the entity is annotated with them. */
export function ServiceLinks(props: { entity: Entity }) {
  const annotations = props.entity.metadata.annotations ?? {};
  const links = [
    {
      title: 'Kibana logs',
      url: safeHref(annotations[KIBANA_URL_ANNOTATION]?.trim()),
    },
    {
      title: 'DataDog dashboard',
      url: safeHref(annotations[DATADOG_DASHBOARD_URL_ANNOTATION]?.trim()),
    },
  ].filter(link => link.url);
  if (!links.length) {
    return null;
  }
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 16 }}>
      {links.map(link => (
        <SafeLink key={link.title} to={link.url}>
          {link.title}
        </SafeLink>
      ))}
    </Box>
  );
}
