import {
  Incident,
  SloHistoryPoint,
} from '@oncall-for-backstage/plugin-oncall-common';
import Typography from '@material-ui/core/Typography';
import { DateTime } from 'luxon';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { MAX_DISPLAY_LENGTH, truncate } from '../../lib/text';
import { ChartFrame } from '../shared';
import { SEVERITY_COLOURS } from '../IncidentsContent/SeverityChip';

/** Error budget remaining over the SLO's history, with incidents marked on the day they began. */
export function BurnDownChart(props: {
  history: SloHistoryPoint[];
  incidents: Incident[];
  name: string;
}) {
  const data = props.history
    .filter(point => point.errorBudgetRemaining !== undefined)
    .map(point => ({ date: point.date, budget: point.errorBudgetRemaining }));
  if (!data.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        No error budget history yet.
      </Typography>
    );
  }
  const dates = new Set(data.map(point => point.date));
  const marks = props.incidents
    .map(incident => ({
      incident,
      date: DateTime.fromISO(incident.startedAt).toUTC().toISODate() ?? '',
    }))
    .filter(mark => dates.has(mark.date));
  return (
    <div
      role="figure"
      aria-label={`Error budget burn-down for ${truncate(
        props.name,
        MAX_DISPLAY_LENGTH,
      )}`}
    >
      <ChartFrame height={200}>
        {size => (
          <LineChart
            width={size.width}
            height={size.height}
            data={data}
            margin={{ top: 20, right: 16, left: 0, bottom: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="date" fontSize={11} />
            <YAxis unit="%" fontSize={11} domain={['auto', 100]} />
            <Tooltip
              formatter={(value: number) => [
                `${value.toFixed(1)}%`,
                'Error budget remaining',
              ]}
            />
            <ReferenceLine y={0} stroke="#d32f2f" strokeDasharray="4 2" />
            {marks.map(mark => (
              <ReferenceLine
                key={mark.incident.id}
                x={mark.date}
                stroke={SEVERITY_COLOURS[mark.incident.severity]}
                strokeWidth={2}
                label={{
                  value: mark.incident.severity.toLocaleUpperCase('en-US'),
                  position: 'top',
                  fontSize: 10,
                }}
              />
            ))}
            <Line
              type="monotone"
              dataKey="budget"
              stroke="#1976d2"
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        )}
      </ChartFrame>
      {marks.length > 0 && (
        <Typography
          variant="caption"
          color="textSecondary"
          style={{ overflowWrap: 'anywhere' }}
        >
          {marks.length} incident{marks.length === 1 ? '' : 's'} in this window:{' '}
          {marks
            .map(
              mark =>
                `${mark.incident.severity.toLocaleUpperCase(
                  'en-US',
                )} ${truncate(mark.incident.title, MAX_DISPLAY_LENGTH)} (${
                  mark.date
                })`,
            )
            .join('; ')}
        </Typography>
      )}
    </div>
  );
}
