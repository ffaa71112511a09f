/**
 * Test helpers: the recorded vendor wire samples and a shape comparison.
 *
 * @packageDocumentation
 */
export { loadWireSample, WIRE_SAMPLES_DIR } from './wireSamples';
export type { WireSampleVendor } from './wireSamples';
export { compareShape } from './shape';
export type { ShapeOptions } from './shape';
