export {
  oncallPermissions,
  oncallPageCreatePermission,
} from '@oncall-for-backstage/plugin-oncall-common';
