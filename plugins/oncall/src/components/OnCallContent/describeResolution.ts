import {
  OnCallResolution,
  OPSGENIE_SCHEDULE_ANNOTATION,
  OPSGENIE_TEAM_ANNOTATION,
} from '@oncall-for-backstage/plugin-oncall-common';
import { shortRef } from '../../lib/entityRef';

function groupChain(resolution: OnCallResolution): string | undefined {
  let path: string[] = [];
  if (resolution.path?.length) {
    path = resolution.path;
  } else if (resolution.groupRef) {
    path = [resolution.groupRef];
  }
  if (!path.length) {
    return undefined;
  }
  const [owner, ...parents] = path.map(shortRef);
  return [`owner ${owner}`, ...parents.map(parent => `parent ${parent}`)].join(
    ' → ',
  );
}

/** Explains how the rotation was found, e.g. "via owner payments → parent commerce". */
export function describeResolution(resolution: OnCallResolution): string {
  const chain = groupChain(resolution);
  switch (resolution.via) {
    case 'annotation': {
      const key = resolution.schedules?.length
        ? OPSGENIE_SCHEDULE_ANNOTATION
        : OPSGENIE_TEAM_ANNOTATION;
      return chain
        ? `via ${chain} (annotation ${key})`
        : `via annotation ${key}`;
    }
    case 'owner':
    case 'parent':
      return chain ? `via ${chain}` : `via ${resolution.via}`;
    case 'config':
      return chain ? `via config mapping for ${chain}` : 'via config mapping';
    case 'name':
      return chain
        ? `by group name (${chain})`
        : `by group name ${resolution.team ?? ''}`.trim();
    default:
      return chain ? `via ${chain}` : '';
  }
}
