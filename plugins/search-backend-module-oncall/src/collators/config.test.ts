import { ConfigReader } from '@backstage/config';
import {
  defaults,
  readCollatorConfigOptions,
  readScheduleConfigOptions,
} from './config';

const config = (oncall: object) =>
  new ConfigReader({ search: { collators: { oncall } } });

describe('readScheduleConfigOptions', () => {
  it('runs every 10 minutes by default', () => {
    expect(readScheduleConfigOptions(new ConfigReader({}))).toEqual({
      frequency: { minutes: 10 },
      timeout: { minutes: 15 },
      initialDelay: { seconds: 10 },
    });
  });

  it('reads search.collators.oncall.schedule', () => {
    expect(
      readScheduleConfigOptions(
        config({
          schedule: { frequency: { minutes: 30 }, timeout: 'PT5M' },
        }),
      ),
    ).toEqual({ frequency: { minutes: 30 }, timeout: { minutes: 5 } });
  });

  it('accepts a manual trigger', () => {
    expect(
      readScheduleConfigOptions(
        config({
          schedule: {
            frequency: { trigger: 'manual' },
            timeout: { minutes: 1 },
          },
        }),
      ),
    ).toEqual({ frequency: { trigger: 'manual' }, timeout: { minutes: 1 } });
  });

  it('names the key of an invalid schedule', () => {
    expect(() =>
      readScheduleConfigOptions(config({ schedule: { frequency: 'often' } })),
    ).toThrow(/Invalid schedule at search.collators.oncall.schedule/);
  });
});

describe('readCollatorConfigOptions', () => {
  it('has defaults', () => {
    expect(readCollatorConfigOptions(new ConfigReader({}))).toEqual({
      batchSize: defaults.batchSize,
      pageTimeoutMs: defaults.pageTimeoutMs,
    });
  });

  it('reads the page size and timeout', () => {
    expect(
      readCollatorConfigOptions(
        config({ batchSize: 100, pageTimeoutMs: 5000 }),
      ),
    ).toEqual({ batchSize: 100, pageTimeoutMs: 5000 });
  });

  it('rejects a page size that is not a positive integer, naming the key', () => {
    expect(() => readCollatorConfigOptions(config({ batchSize: 0 }))).toThrow(
      'Invalid search.collators.oncall.batchSize, expected an integer from 1 to 500 but got 0',
    );
    expect(() => readCollatorConfigOptions(config({ batchSize: 501 }))).toThrow(
      /from 1 to 500 but got 501/,
    );
    expect(() =>
      readCollatorConfigOptions(config({ pageTimeoutMs: 1.5 })),
    ).toThrow(
      'Invalid search.collators.oncall.pageTimeoutMs, expected a positive integer but got 1.5',
    );
  });
});
