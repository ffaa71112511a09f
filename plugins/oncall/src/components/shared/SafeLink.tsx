import { Link, LinkProps } from '@backstage/core-components';
import { ReactNode } from 'react';
import { safeHref, SafeHrefOptions } from '../../lib/safeHref';

/**
 * A link to an address from a vendor, an annotation or a search document. Only an http(s)
 * URL (or, when asked, a path inside this app or a `mailto:` address) becomes a link;
 * anything else shows `fallback` — by default the same children as plain text — so one bad
 * address never breaks the view around it.
 */
export function SafeLink(
  props: Omit<LinkProps, 'to'> &
    SafeHrefOptions & { to: unknown; fallback?: ReactNode },
) {
  const { to, appRelative, mailto, fallback, children, ...rest } = props;
  const href = safeHref(to, { appRelative, mailto });
  if (!href) {
    return <>{fallback === undefined ? <span>{children}</span> : fallback}</>;
  }
  return (
    <Link {...rest} to={href}>
      {children}
    </Link>
  );
}
