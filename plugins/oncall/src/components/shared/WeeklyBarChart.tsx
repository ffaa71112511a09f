import { ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartFrame } from './ChartFrame';

/** One stack of a {@link WeeklyBarChart}: the row field it counts, its legend name and colour. */
export interface WeeklyBarSeries {
  dataKey: string;
  name: string;
  fill: string;
}

/**
 * Counts per week as stacked bars, one row per week labelled by its `week` field. `children`
 * (e.g. reference areas) are drawn over the grid, under the bars. Import it from this file,
 * not the shared index, so recharts stays in the lazily loaded chart chunks.
 */
export function WeeklyBarChart(props: {
  data: Array<{ week: string }>;
  stackId: string;
  series: WeeklyBarSeries[];
  children?: ReactNode;
}) {
  return (
    <ChartFrame height={220}>
      {size => (
        <BarChart
          width={size.width}
          height={size.height}
          data={props.data}
          margin={{ top: 8, right: 16, left: 0, bottom: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          {props.children}
          <XAxis dataKey="week" fontSize={11} />
          <YAxis allowDecimals={false} fontSize={11} />
          <Tooltip />
          <Legend />
          {props.series.map(series => (
            <Bar
              key={series.dataKey}
              {...series}
              stackId={props.stackId}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      )}
    </ChartFrame>
  );
}
