import { MonitorSummary } from '@oncall-for-backstage/plugin-oncall-common';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { SafeLink, WrapRow } from '../shared';

/** Monitors by state: alert, warn, ok, no data. */
export function MonitorsSummary(props: { monitors: MonitorSummary }) {
  const { monitors } = props;
  const states = [
    {
      label: 'Alert',
      value: monitors.alert,
      background: '#d32f2f',
      color: '#fff',
    },
    {
      label: 'Warn',
      value: monitors.warn,
      background: '#f57c00',
      color: '#000',
    },
    { label: 'OK', value: monitors.ok, background: '#388e3c', color: '#fff' },
    {
      label: 'No data',
      value: monitors.noData,
      background: '#9e9e9e',
      color: '#000',
    },
  ];
  return (
    <WrapRow gap={8} aria-label="Monitors">
      <Typography variant="subtitle2">Monitors ({monitors.total})</Typography>
      {states.map(state => (
        <Chip
          key={state.label}
          size="small"
          label={`${state.label}: ${state.value}`}
          style={
            state.value > 0
              ? { backgroundColor: state.background, color: state.color }
              : undefined
          }
        />
      ))}
      {monitors.url && (
        <SafeLink to={monitors.url} fallback={null}>
          Open monitors in DataDog
        </SafeLink>
      )}
    </WrapRow>
  );
}
