import { ConfigReader } from '@backstage/config';
import { isAtLeast, readNotificationsConfig } from './notificationsConfig';

describe('readNotificationsConfig', () => {
  it('applies the defaults', () => {
    expect(readNotificationsConfig(new ConfigReader({}))).toEqual({
      enabled: true,
      minSeverity: 'sev1',
      shiftReminderMinutes: 60,
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
              shiftReminderMinutes: 15,
            },
          },
        }),
      ),
    ).toEqual({
      enabled: false,
      minSeverity: 'sev0',
      shiftReminderMinutes: 15,
    });
  });

  it.each([
    [{ minSeverity: 'SEV1' }, 'oncall.notifications.minSeverity'],
    [{ enabled: 'yes' }, 'oncall.notifications.enabled'],
    [{ shiftReminderMinutes: 0 }, 'oncall.notifications.shiftReminderMinutes'],
    [
      { shiftReminderMinutes: 1.5 },
      'oncall.notifications.shiftReminderMinutes',
    ],
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
