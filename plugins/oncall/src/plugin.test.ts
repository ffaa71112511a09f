import { oncallPlugin } from './plugin';

describe('oncall', () => {
  it('should export plugin', () => {
    expect(oncallPlugin).toBeDefined();
  });
});
