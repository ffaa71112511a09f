/**
 * The on-call permission policy: who may page (`oncall.page.create`), as a backend module
 * of the permission plugin and as a policy class to wrap a portal's own policy.
 *
 * @packageDocumentation
 */
export { oncallPermissionPolicyModule as default } from './permissions/oncallPermissionPolicyModule';
export { oncallPermissionPolicyModule } from './permissions/oncallPermissionPolicyModule';
export { OnCallPermissionPolicy } from './permissions/OnCallPermissionPolicy';
