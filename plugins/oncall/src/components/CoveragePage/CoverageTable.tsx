import { CoverageGroup } from '@oncall-for-backstage/plugin-oncall-common';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Fragment } from 'react';
import { CoverageRow } from './CoverageRow';
import { CoverageFilter, filterCoverage } from './filterCoverage';

/** Every Group followed by its services, filtered. */
export function CoverageTable(props: {
  groups: CoverageGroup[];
  filter: CoverageFilter;
}) {
  const rows = filterCoverage(props.groups, props.filter);
  return (
    <TableContainer component={Paper}>
      <Table size="small" aria-label="On-call coverage">
        <TableHead>
          <TableRow>
            <TableCell>Group or service</TableCell>
            <TableCell>Provider</TableCell>
            <TableCell>Rotations</TableCell>
            <TableCell>Resolved by</TableCell>
            <TableCell>State</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(({ group, services }) => (
            <Fragment key={group.entityRef}>
              <CoverageRow entry={group} />
              {services.map(service => (
                <CoverageRow key={service.entityRef} entry={service} service />
              ))}
            </Fragment>
          ))}
          {!rows.length && (
            <TableRow>
              <TableCell colSpan={5}>
                <Typography variant="body2">
                  Nothing matches these filters.
                </Typography>
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
