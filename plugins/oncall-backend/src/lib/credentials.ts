import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';

/** The credentials of a caller of the plugin's routes: a user or another backend. */
export type CallerCredentials = BackstageCredentials<
  BackstageUserPrincipal | BackstageServicePrincipal
>;

/** Who is calling, as a key: the user's entity ref, or `service:<subject>`. */
export function callerKey(credentials: CallerCredentials): string {
  return credentials.principal.type === 'user'
    ? credentials.principal.userEntityRef
    : `service:${credentials.principal.subject}`;
}
