export {
  oncallPermissions,
  oncallPageCreatePermission,
} from '@internal/plugin-oncall-common';
