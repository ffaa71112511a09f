import { EmptyState } from '@backstage/core-components';
import {
  CoverageGroup,
  CoverageReport,
} from '@oncall-for-backstage/plugin-oncall-common';
import Box from '@material-ui/core/Box';
import { useState } from 'react';
import { useCoverage } from '../../hooks';
import { AsyncView, FreshnessBanner } from '../shared';
import { CoverageFilters } from './CoverageFilters';
import { CoverageTable } from './CoverageTable';
import { CoverageFilter, providerIds } from './filterCoverage';
import { MigrationTracker, migrationOf } from './MigrationTracker';

/** The report's Groups; a backend without them still lists its Group rows. */
function groupsOf(report: CoverageReport): CoverageGroup[] {
  return (
    report.groups ??
    report.items
      .filter(item => item.kind.toLocaleLowerCase('en-US') === 'group')
      .map(item => ({ ...item, services: [] }))
  );
}

/** Renders a {@link CoverageReport}: the migration tracker, filters and the table. */
export function CoverageView(props: { report: CoverageReport }) {
  const groups = groupsOf(props.report);
  const [filter, setFilter] = useState<CoverageFilter>({
    providerId: '',
    state: '',
    text: '',
  });
  if (!groups.length) {
    return (
      <>
        <FreshnessBanner freshness={props.report.freshness} />
        <EmptyState
          missing="data"
          title="No Groups in the catalog"
          description="The coverage page lists every Group and the services it owns. Register your teams as Group entities (spec.type: team) and give each service a spec.owner."
        />
      </>
    );
  }
  return (
    <Box>
      <FreshnessBanner freshness={props.report.freshness} />
      <Box mb={3}>
        <MigrationTracker
          migration={migrationOf(props.report.migration, groups)}
        />
      </Box>
      <CoverageFilters
        filter={filter}
        providerIds={providerIds(groups)}
        onChange={setFilter}
      />
      <CoverageTable groups={groups} filter={filter} />
    </Box>
  );
}

/** The coverage page's content: loading, error, empty, stale and the report. */
export function CoverageContent() {
  const coverage = useCoverage();
  return (
    <AsyncView state={coverage} loadingLabel="Loading coverage">
      {report => <CoverageView report={report} />}
    </AsyncView>
  );
}
