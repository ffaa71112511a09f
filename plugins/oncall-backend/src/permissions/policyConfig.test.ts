import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { readPagingPolicyConfig } from './policyConfig';

const read = (paging?: JsonObject) =>
  readPagingPolicyConfig(
    new ConfigReader(paging === undefined ? {} : { oncall: { paging } }),
  );

describe('readPagingPolicyConfig', () => {
  it('defaults to the members policy with no extra Groups', () => {
    expect(read()).toEqual({ permissionPolicy: 'members', allowedGroups: [] });
  });

  it('reads the policy and normalises Group refs', () => {
    expect(
      read({
        permissionPolicy: 'allow-all',
        allowedGroups: [
          'sre',
          'group:Default/Incident-Commanders',
          'ops/oncall',
        ],
      }),
    ).toEqual({
      permissionPolicy: 'allow-all',
      allowedGroups: [
        'group:default/sre',
        'group:default/incident-commanders',
        'group:ops/oncall',
      ],
    });
  });

  it('names the key of a bad value', () => {
    expect(() => read({ permissionPolicy: 'owners' })).toThrow(
      "oncall.paging.permissionPolicy must be 'members' or 'allow-all', got 'owners'",
    );
    expect(() =>
      read({ allowedGroups: ['group:default/sre', 'user:default/ana'] }),
    ).toThrow(
      "oncall.paging.allowedGroups[1] must be a Group ref such as group:default/sre, got 'user:default/ana'",
    );
  });
});
