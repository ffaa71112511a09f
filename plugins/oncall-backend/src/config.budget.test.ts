import {
  blameless,
  datadog,
  errorOf,
  notNumbers,
  opsgenie,
  read,
} from './__testUtils__/readConfig';

const sections = { opsgenie, blameless, datadog } as const;

describe('oncall.<vendor>.requestsPerMinute', () => {
  it.each(Object.keys(sections) as Array<keyof typeof sections>)(
    '%s: read when set, unpaced when not',
    vendor => {
      expect(read({ [vendor]: sections[vendor] })[vendor]).toMatchObject({
        requestsPerMinute: undefined,
      });
      expect(
        read({ [vendor]: { ...sections[vendor], requestsPerMinute: 600 } })[
          vendor
        ],
      ).toMatchObject({ requestsPerMinute: 600 });
    },
  );

  it.each(Object.keys(sections) as Array<keyof typeof sections>)(
    '%s: a bad budget is refused naming the key',
    vendor => {
      for (const value of [0, -1, 2.5, 100_001, ...notNumbers]) {
        expect(
          errorOf({
            [vendor]: { ...sections[vendor], requestsPerMinute: value },
          }),
        ).toBe(
          `InputError: oncall.${vendor}.requestsPerMinute must be a positive whole number of at most 100000`,
        );
      }
    },
  );
});
