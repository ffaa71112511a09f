import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
  createProxyAuthenticator,
} from '@backstage/plugin-auth-node';

/**
 * Test-only sign-in: `GET /api/auth/harness/refresh` with header `x-harness-user: <name>`
 * returns a Backstage user token for `user:default/<name>`. Loaded only by the harness entry.
 */
export const harnessAuthModule = createBackendModule({
  pluginId: 'auth',
  moduleId: 'reliability-harness-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        logger: coreServices.logger,
      },
      async init({ providers, logger }) {
        logger.warn('Test-only harness sign-in provider is installed');
        providers.registerProvider({
          providerId: 'harness',
          factory: createProxyAuthProviderFactory<{ user: string }>({
            authenticator: createProxyAuthenticator({
              defaultProfileTransform: async result => ({
                profile: { displayName: result.user },
              }),
              initialize: () => undefined,
              async authenticate({ req }) {
                const user = String(req.header('x-harness-user') ?? '').trim();
                if (!/^[a-z0-9][a-z0-9._-]*$/i.test(user)) {
                  throw new Error('x-harness-user header must name a user');
                }
                return { result: { user } };
              },
            }),
            async signInResolver({ result }, ctx) {
              const userRef = `user:default/${result.user.toLocaleLowerCase(
                'en-US',
              )}`;
              return ctx.issueToken({
                claims: { sub: userRef, ent: [userRef] },
              });
            },
          }),
        });
      },
    });
  },
});
