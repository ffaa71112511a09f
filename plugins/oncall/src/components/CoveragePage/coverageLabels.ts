import { CoverageVia } from '@oncall-for-backstage/plugin-oncall-common';
import { CoverageRowState } from './filterCoverage';

/** How a row was resolved, in words. */
export const VIA_LABELS: Record<CoverageVia, string> = {
  annotation: 'Annotation',
  owner: 'Owner Group',
  mapping: 'Config mapping',
  name: 'Team name',
  parent: 'Parent Group',
};

/** A row's state, in words. */
export const STATE_LABELS: Record<CoverageRowState, string> = {
  mapped: 'Mapped',
  inherited: 'Inherited',
  'by-name': 'Matched by name',
  ambiguous: 'Ambiguous',
  missing: 'Missing',
  broken: 'Broken',
};
