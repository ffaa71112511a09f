import { Entity } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { OnCallHealth } from '@oncall-for-backstage/plugin-oncall-common';
import Typography from '@material-ui/core/Typography';
import { useHealth } from '../../hooks';
import { toOnCallRef } from '../../lib/entityRef';
import {
  AsyncView,
  FreshnessBanner,
  LongText,
  NotConfiguredPanel,
} from '../shared';
import { HealthChart } from './HealthChart';
import { HealthSummary } from './HealthSummary';

/** The health view of a loaded answer: not configured, empty, or the figures (stale-marked). */
export function HealthView(props: { health: OnCallHealth; entity: Entity }) {
  const { health, entity } = props;
  if (health.notConfigured) {
    return (
      <NotConfiguredPanel
        title="On-call health needs an on-call team"
        reason={health.notConfigured.reason}
        annotation={health.notConfigured.annotation}
        entityName={entity.metadata.name}
      />
    );
  }
  return (
    <>
      <FreshnessBanner freshness={health.freshness} />
      <Typography variant="caption" color="textSecondary" component="div">
        Opsgenie team <LongText value={health.team ?? 'unknown'} />, pages in
        the responder&apos;s own time zone
      </Typography>
      {health.totals.pages === 0 ? (
        <Typography variant="body2">
          No pages in {health.window.weeks} weeks.
        </Typography>
      ) : (
        <>
          <HealthChart weeks={health.weeks} />
          <HealthSummary health={health} />
        </>
      )}
    </>
  );
}

/** Loads and shows an entity's on-call health, with loading and error states. */
export function HealthSection(props: { entity: Entity }) {
  const { entity } = props;
  const health = useHealth(toOnCallRef(entity));
  return (
    <AsyncView state={health} loadingLabel="Loading on-call health">
      {value => <HealthView health={value} entity={entity} />}
    </AsyncView>
  );
}

/** On-call health: the load the team's rotation carried, week by week. */
export function HealthCard() {
  const { entity } = useEntity();
  return (
    <InfoCard title="On-call health">
      <HealthSection entity={entity} />
    </InfoCard>
  );
}
