export { CoveragePage } from './CoveragePage';
export { CoverageContent, CoverageView } from './CoverageContent';
