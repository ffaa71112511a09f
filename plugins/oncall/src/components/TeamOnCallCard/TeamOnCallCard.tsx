import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  OnCallSummary,
  OPSGENIE_TEAM_ANNOTATION,
} from '@oncall-for-backstage/plugin-oncall-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Entity } from '@backstage/catalog-model';
import { useOnCall } from '../../hooks';
import { toOnCallRef } from '../../lib/entityRef';
import { formatHandoff } from '../../lib/time';
import { EscalationChain } from '../OnCallContent/EscalationChain';
import { describeResolution } from '../OnCallContent/describeResolution';
import { annotationYaml } from '../../lib/annotationHint';
import { MAX_SENTENCE_LENGTH } from '../../lib/text';
import { AsyncView, FreshnessBanner, LongText } from '../shared';

function TeamOnCall(props: { summary: OnCallSummary; entity: Entity }) {
  const { summary, entity } = props;
  if (!summary.rotations.length) {
    const annotation = summary.notConfigured?.annotation ?? {
      key: OPSGENIE_TEAM_ANNOTATION,
      value: entity.metadata.name,
    };
    return (
      <>
        <FreshnessBanner freshness={summary.freshness} />
        <Typography variant="body2" paragraph>
          <LongText
            value={
              summary.notConfigured?.reason ??
              'No Opsgenie team is mapped to this group.'
            }
            max={MAX_SENTENCE_LENGTH}
          />
        </Typography>
        <Typography variant="body2">
          Add to the group&apos;s catalog-info.yaml:
        </Typography>
        <Box
          component="pre"
          p={1}
          bgcolor="background.default"
          style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
        >
          {annotationYaml(annotation, entity.metadata.name)}
        </Box>
      </>
    );
  }
  return (
    <>
      <FreshnessBanner freshness={summary.freshness} />
      <Typography
        variant="caption"
        color="textSecondary"
        component="div"
        style={{ overflowWrap: 'anywhere' }}
      >
        Opsgenie team <LongText value={summary.resolution.team ?? 'unknown'} />{' '}
        <LongText
          value={describeResolution(summary.resolution)}
          max={MAX_SENTENCE_LENGTH}
        />
      </Typography>
      {summary.rotations.map(rotation => (
        <Box key={rotation.schedule.id} mt={2}>
          <Typography variant="subtitle2" style={{ overflowWrap: 'anywhere' }}>
            <LongText value={rotation.schedule.name} />
          </Typography>
          <EscalationChain
            levels={rotation.levels}
            compact
            teamSize="summary"
          />
          <Typography variant="body2">
            Next handoff: {formatHandoff(rotation.nextHandoff)}
          </Typography>
        </Box>
      ))}
    </>
  );
}

/** Who is on call for a team, for Group pages. */
export function TeamOnCallCard() {
  const { entity } = useEntity();
  const onCall = useOnCall(toOnCallRef(entity));
  return (
    <InfoCard title="On-call now">
      <AsyncView state={onCall} loadingLabel="Loading on-call">
        {summary => <TeamOnCall summary={summary} entity={entity} />}
      </AsyncView>
    </InfoCard>
  );
}
