import { Table, TableColumn } from '@backstage/core-components';
import { Incident } from '@oncall-for-backstage/plugin-oncall-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { LoadingSuspense, LongText, SafeLink } from '../shared';
import {
  formatDateTime,
  formatMinutes,
  formatRelative,
  minutesBetween,
} from '../../lib/time';
import { RetrospectiveChip, SeverityChip } from './SeverityChip';

function titleCase(value: string): string {
  return value.charAt(0).toLocaleUpperCase('en-US') + value.slice(1);
}

const columns: TableColumn<Incident>[] = [
  {
    title: 'Severity',
    field: 'severity',
    width: '90px',
    render: incident => <SeverityChip severity={incident.severity} />,
  },
  {
    title: 'Title',
    field: 'title',
    render: incident => (
      <Box style={{ overflowWrap: 'anywhere' }}>
        <SafeLink to={incident.url}>
          <LongText value={incident.title} />
        </SafeLink>
      </Box>
    ),
  },
  {
    title: 'Status',
    field: 'status',
    render: incident => <LongText value={titleCase(incident.status)} />,
  },
  {
    title: 'Started',
    field: 'startedAt',
    render: incident => (
      <>
        <Typography variant="body2">
          {formatRelative(incident.startedAt)}
        </Typography>
        <Typography variant="caption" color="textSecondary">
          {formatDateTime(incident.startedAt)}
        </Typography>
      </>
    ),
  },
  {
    title: 'Duration',
    render: incident =>
      incident.resolvedAt
        ? formatMinutes(minutesBetween(incident.startedAt, incident.resolvedAt))
        : `Ongoing (${formatMinutes(minutesBetween(incident.startedAt))})`,
  },
  {
    title: 'Commander',
    render: incident => {
      if (!incident.commander) {
        return '—';
      }
      return (
        <SafeLink to={`mailto:${incident.commander.email}`} mailto>
          <LongText value={incident.commander.name} />
        </SafeLink>
      );
    },
  },
  {
    title: 'Slack',
    render: incident =>
      incident.slackChannel ? (
        <SafeLink to={incident.slackChannel.url}>
          <LongText value={incident.slackChannel.name} />
        </SafeLink>
      ) : (
        '—'
      ),
  },
  {
    title: 'Retrospective',
    render: incident =>
      incident.retrospective ? (
        <Box
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          style={{ gap: 4 }}
        >
          <RetrospectiveChip status={incident.retrospective.status} />
          <SafeLink to={incident.retrospective.url} fallback={null}>
            Open
          </SafeLink>
          {incident.retrospective.pending && (
            <Typography
              variant="caption"
              color="textSecondary"
              title="The state is being looked up in the incident tool; reload to see it"
            >
              checking…
            </Typography>
          )}
        </Box>
      ) : (
        '—'
      ),
  },
];

/** The incidents table. */
export function IncidentsTable(props: { items: Incident[]; title: string }) {
  return (
    <LoadingSuspense label="Loading table">
      <Table<Incident>
        title={props.title}
        columns={columns}
        data={props.items}
        options={{
          paging: false,
          search: false,
          padding: 'dense',
          sorting: false,
        }}
      />
    </LoadingSuspense>
  );
}
