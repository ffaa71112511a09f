import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The package ships the demo catalog in demo/ for apps that install it from the registry; it
 * must be the catalog in examples/ that examples.test.ts checks against the demo org.
 */
describe('demo/ catalog shipped with the package', () => {
  it.each(['org.yaml', 'entities.yaml'])('%s equals examples/%s', file => {
    const shipped = readFileSync(resolve(__dirname, '../demo', file), 'utf8');
    const checked = readFileSync(
      resolve(__dirname, '../../../examples', file),
      'utf8',
    );
    expect(shipped).toBe(checked);
  });
});
