import { oncallPageCreatePermission } from '@oncall-for-backstage/plugin-oncall-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import NotificationsActiveIcon from '@material-ui/icons/NotificationsActive';
import { useState } from 'react';
import { OnCallEntityRef } from '../../api';
import { PageOnCallDialog } from './PageOnCallDialog';

/** "Page on-call", rendered only for users allowed `oncall.page.create` on this entity. */
export function PageOnCallButton(props: {
  entity: OnCallEntityRef;
  team?: string;
}) {
  const { allowed, loading } = usePermission({
    permission: oncallPageCreatePermission,
    resourceRef: stringifyEntityRef({
      kind: props.entity.kind,
      namespace: props.entity.namespace ?? 'default',
      name: props.entity.name,
    }),
  });
  const [open, setOpen] = useState(false);
  if (loading || !allowed) {
    return null;
  }
  return (
    <>
      <Button
        variant="contained"
        color="secondary"
        startIcon={<NotificationsActiveIcon />}
        onClick={() => setOpen(true)}
      >
        Page on-call
      </Button>
      <PageOnCallDialog
        open={open}
        onClose={() => setOpen(false)}
        entity={props.entity}
        team={props.team}
      />
    </>
  );
}
