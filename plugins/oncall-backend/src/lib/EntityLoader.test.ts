import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { EntityLoader } from './EntityLoader';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api', namespace: 'default' },
  spec: { owner: 'group:default/checkout' },
};

const params = {
  kind: 'component' as const,
  namespace: 'default',
  name: 'checkout-api',
};

describe('EntityLoader', () => {
  it('reads with the caller credentials and reuses the answer per caller', async () => {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn(async () => entity),
    });
    const loader = new EntityLoader(catalog);
    const alice = mockCredentials.user('user:default/alice');
    const bob = mockCredentials.user('user:default/bob');

    await expect(loader.load(params, alice)).resolves.toBe(entity);
    await expect(loader.load(params, alice)).resolves.toBe(entity);
    await expect(loader.load(params, bob)).resolves.toBe(entity);

    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(2);
    expect(catalog.getEntityByRef).toHaveBeenCalledWith(
      'component:default/checkout-api',
      { credentials: alice },
    );
    expect(catalog.getEntityByRef).toHaveBeenCalledWith(
      'component:default/checkout-api',
      { credentials: bob },
    );
  });

  it('answers 404 for an entity the caller may not see', async () => {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn(async () => undefined),
    });
    const loader = new EntityLoader(catalog);
    await expect(
      loader.load(params, mockCredentials.user()),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('reads again once the answer is older than its time to live', async () => {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn(async () => entity),
    });
    const loader = new EntityLoader(catalog, { ttlMs: 20 });
    await loader.load(params, mockCredentials.user());
    await new Promise(resolve => setTimeout(resolve, 40));
    await loader.load(params, mockCredentials.user());
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(2);
  });
});
