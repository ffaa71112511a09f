import { HealthWeek } from '@oncall-for-backstage/plugin-oncall-common';
import Typography from '@material-ui/core/Typography';
import { DateTime } from 'luxon';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceArea,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { viewerZone } from '../../lib/time';
import { ChartFrame } from '../shared';

export const HOURS_COLOURS = {
  businessHours: '#4e79a7',
  offHours: '#f28e2b',
  sleepHours: '#b07aa1',
} as const;

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
      <ChartFrame height={220}>
        {size => (
          <BarChart
            width={size.width}
            height={size.height}
            data={data}
            margin={{ top: 8, right: 16, left: 0, bottom: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
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
            <XAxis dataKey="week" fontSize={11} />
            <YAxis allowDecimals={false} fontSize={11} />
            <Tooltip />
            <Legend />
            <Bar
              dataKey="businessHours"
              name="Business hours"
              stackId="hours"
              fill={HOURS_COLOURS.businessHours}
              isAnimationActive={false}
            />
            <Bar
              dataKey="offHours"
              name="Off-hours"
              stackId="hours"
              fill={HOURS_COLOURS.offHours}
              isAnimationActive={false}
            />
            <Bar
              dataKey="sleepHours"
              name="Sleep hours"
              stackId="hours"
              fill={HOURS_COLOURS.sleepHours}
              isAnimationActive={false}
            />
          </BarChart>
        )}
      </ChartFrame>
    </div>
  );
}
