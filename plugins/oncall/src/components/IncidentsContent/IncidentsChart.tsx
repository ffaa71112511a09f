import {
  Incident,
  SEVERITIES,
} from '@oncall-for-backstage/plugin-oncall-common';
import Typography from '@material-ui/core/Typography';
import { DateTime } from 'luxon';
import { viewerZone } from '../../lib/time';
import { WeeklyBarChart, WeeklyBarSeries } from '../shared/WeeklyBarChart';
import { SEVERITY_COLOURS } from './SeverityChip';

type WeekRow = { week: string } & Record<string, number | string>;

/** Incidents per week, stacked by severity, over the selected window. */
export function weeklyBuckets(
  items: Incident[],
  from: DateTime,
  to: DateTime,
): WeekRow[] {
  const rows = new Map<string, WeekRow>();
  for (
    let week = from.setZone(viewerZone()).startOf('week');
    week <= to;
    week = week.plus({ weeks: 1 })
  ) {
    const key = week.toISODate() ?? '';
    rows.set(key, {
      week: week.toFormat('d LLL'),
      sev0: 0,
      sev1: 0,
      sev2: 0,
      sev3: 0,
    });
  }
  for (const incident of items) {
    const key = DateTime.fromISO(incident.startedAt)
      .setZone(viewerZone())
      .startOf('week')
      .toISODate();
    const row = key ? rows.get(key) : undefined;
    if (row) {
      row[incident.severity] = Number(row[incident.severity] ?? 0) + 1;
    }
  }
  return Array.from(rows.values());
}

const SEVERITY_SERIES: WeeklyBarSeries[] = SEVERITIES.map(severity => ({
  dataKey: severity,
  name: severity.toLocaleUpperCase('en-US'),
  fill: SEVERITY_COLOURS[severity],
}));

export function IncidentsChart(props: {
  items: Incident[];
  from: DateTime;
  to: DateTime;
  partial: boolean;
}) {
  const data = weeklyBuckets(props.items, props.from, props.to);
  return (
    <div role="figure" aria-label="Incidents per week by severity">
      <Typography variant="subtitle2">
        Incidents per week
        {props.partial ? ` (the ${props.items.length} loaded)` : ''}
      </Typography>
      <WeeklyBarChart data={data} stackId="severity" series={SEVERITY_SERIES} />
    </div>
  );
}
