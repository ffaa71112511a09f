import { ConfigReader } from '@backstage/config';
import { isAtLeast, readNotificationsConfig } from './notificationsConfig';

describe('readNotificationsConfig', () => {
  it('applies the defaults', () => {
    expect(readNotificationsConfig(new ConfigReader({}))).toEqual({
      enabled: true,
      minSeverity: 'sev1',
    });
  });

  it('reads every key', () => {
    expect(
      readNotificationsConfig(
        new ConfigReader({
          oncall: {
            notifications: {
              enabled: false,
              minSeverity: 'sev0',
            },
          },
        }),
      ),
    ).toEqual({ enabled: false, minSeverity: 'sev0' });
  });

  it.each([
    [{ minSeverity: 'SEV1' }, 'oncall.notifications.minSeverity'],
    [{ enabled: 'yes' }, 'oncall.notifications.enabled'],
    [{ reminder: 5 }, 'oncall.notifications.'],
  ])('rejects %j naming the key', (notifications, key) => {
    expect(() =>
      readNotificationsConfig(new ConfigReader({ oncall: { notifications } })),
    ).toThrow(key);
  });
});

describe('isAtLeast', () => {
  it('orders sev0 as the worst', () => {
    expect(isAtLeast('sev0', 'sev1')).toBe(true);
    expect(isAtLeast('sev1', 'sev1')).toBe(true);
    expect(isAtLeast('sev2', 'sev1')).toBe(false);
  });
});
