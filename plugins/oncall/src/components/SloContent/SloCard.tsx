import { InfoCard } from '@backstage/core-components';
import {
  BURN_RATE_WINDOWS,
  Incident,
  Slo,
  SloStatus,
} from '@oncall-for-backstage/plugin-oncall-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { lazy } from 'react';
import { formatAge, formatDateTime } from '../../lib/time';
import { safeHref } from '../../lib/safeHref';
import { MAX_SENTENCE_LENGTH, truncate } from '../../lib/text';
import { LoadingSuspense, LongText, SafeLink, WrapRow } from '../shared';
import { BURN_COLOURS, burnBand } from './burnRate';

const BurnDownChart = lazy(() =>
  import('./BurnDownChart').then(m => ({ default: m.BurnDownChart })),
);

const STATUS: Record<
  SloStatus,
  { label: string; background: string; color: string }
> = {
  ok: { label: 'OK', background: '#388e3c', color: '#fff' },
  warning: { label: 'Warning', background: '#f57c00', color: '#000' },
  breached: { label: 'Breached', background: '#d32f2f', color: '#fff' },
  no_data: { label: 'No data', background: '#9e9e9e', color: '#000' },
};

function percent(value: number | undefined, digits = 3): string {
  return value === undefined || value === null
    ? '—'
    : `${Number(value.toFixed(digits))}%`;
}

function Metric(props: { label: string; value: string }) {
  return (
    <Box minWidth={100}>
      <Typography variant="caption" color="textSecondary">
        {props.label}
      </Typography>
      <Typography variant="body1">{props.value}</Typography>
    </Box>
  );
}

/** One SLO: target, SLI, error budget, burn rates, status and burn-down chart. */
export function SloCard(props: { slo: Slo; incidents: Incident[] }) {
  const { slo } = props;
  const status = STATUS[slo.status] ?? STATUS.no_data;
  const budget = slo.errorBudgetRemaining;
  const budgetBar = Math.max(0, Math.min(100, budget ?? 0));
  const url = safeHref(slo.url);
  return (
    <InfoCard
      title={
        <Box
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          style={{ gap: 8, overflowWrap: 'anywhere' }}
        >
          <SafeLink to={url}>
            <LongText value={slo.name} />
          </SafeLink>
          <Chip
            size="small"
            label={status.label}
            style={{ backgroundColor: status.background, color: status.color }}
          />
        </Box>
      }
      subheader={
        slo.description ? (
          <LongText value={slo.description} max={MAX_SENTENCE_LENGTH} />
        ) : undefined
      }
      deepLink={url ? { title: 'Open in DataDog', link: url } : undefined}
    >
      <Box display="flex" flexWrap="wrap" style={{ gap: 24 }} mb={2}>
        <Metric
          label="Target"
          value={`${percent(slo.target)} over ${truncate(slo.timeframe, 20)}`}
        />
        <Metric label="SLI" value={percent(slo.sli)} />
        <Box minWidth={200} flex={1}>
          <Typography variant="caption" color="textSecondary">
            Error budget remaining
          </Typography>
          <Typography variant="body1">{percent(budget, 1)}</Typography>
          <LinearProgress
            variant="determinate"
            value={budgetBar}
            aria-label="Error budget remaining"
            color={
              budget !== undefined && budget < 25 ? 'secondary' : 'primary'
            }
          />
        </Box>
      </Box>
      <WrapRow gap={8} aria-label="Burn rates">
        <Typography variant="caption" color="textSecondary">
          Burn rate
        </Typography>
        {BURN_RATE_WINDOWS.map(window => {
          const rate = slo.burnRates?.[window];
          const band = burnBand(rate);
          return (
            <Chip
              key={window}
              size="small"
              data-band={band}
              label={`${window}: ${
                rate === null || rate === undefined
                  ? 'no data'
                  : `${Number(rate.toFixed(2))}×`
              }`}
              style={{
                backgroundColor: BURN_COLOURS[band].background,
                color: BURN_COLOURS[band].color,
              }}
            />
          );
        })}
        {slo.burnRatesAsOf && (
          <Typography
            variant="caption"
            color="textSecondary"
            title={formatDateTime(slo.burnRatesAsOf)}
          >
            as of {formatAge(slo.burnRatesAsOf)} ago
          </Typography>
        )}
      </WrapRow>
      <LoadingSuspense label="Loading chart">
        <BurnDownChart
          history={slo.history ?? []}
          incidents={props.incidents}
          name={slo.name}
        />
      </LoadingSuspense>
    </InfoCard>
  );
}
