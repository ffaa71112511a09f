import { HealthWeek } from '@oncall-for-backstage/plugin-oncall-common';
import Typography from '@material-ui/core/Typography';
import { DateTime } from 'luxon';
import { ReferenceArea } from 'recharts';
import { viewerZone } from '../../lib/time';
import { WeeklyBarChart, WeeklyBarSeries } from '../shared/WeeklyBarChart';

export const HOURS_COLOURS = {
  businessHours: '#4e79a7',
  offHours: '#f28e2b',
  sleepHours: '#b07aa1',
} as const;

const HOURS_SERIES: WeeklyBarSeries[] = [
  {
    dataKey: 'businessHours',
    name: 'Business hours',
    fill: HOURS_COLOURS.businessHours,
  },
  { dataKey: 'offHours', name: 'Off-hours', fill: HOURS_COLOURS.offHours },
  {
    dataKey: 'sleepHours',
    name: 'Sleep hours',
    fill: HOURS_COLOURS.sleepHours,
  },
];

/** One chart row per week, labelled with the day the week ends (viewer's zone). */
export function chartRows(weeks: HealthWeek[]) {
  return weeks.map(w => ({
    week: `to ${DateTime.fromISO(w.end)
      .setZone(viewerZone())
      .toFormat('d LLL')}`,
    businessHours: w.businessHours,
    offHours: w.offHours,
    sleepHours: w.sleepHours,
    overloaded: w.overloaded,
  }));
}

/** Pages per week stacked by business, off- and sleep hours; overloaded weeks shaded. */
export function HealthChart(props: { weeks: HealthWeek[] }) {
  const data = chartRows(props.weeks);
  const overloaded = data.filter(d => d.overloaded).length;
  return (
    <div
      role="figure"
      aria-label={`Pages per week by hours; ${overloaded} of ${data.length} weeks overloaded`}
    >
      <Typography variant="subtitle2">Pages per week</Typography>
      <WeeklyBarChart data={data} stackId="hours" series={HOURS_SERIES}>
        {data
          .filter(d => d.overloaded)
          .map(d => (
            <ReferenceArea
              key={d.week}
              x1={d.week}
              x2={d.week}
              fill="#e15759"
              fillOpacity={0.15}
              ifOverflow="extendDomain"
            />
          ))}
      </WeeklyBarChart>
    </div>
  );
}
