/**
 * The tenant's severity settings (`GET /api/v2/settings/incidents/severities`): Blameless's
 * defaults, level 0 the most severe.
 */
export const BLAMELESS_SEVERITIES: ReadonlyArray<{
  level: 0 | 1 | 2 | 3;
  label: string;
}> = [
  { level: 0, label: 'SEV0' },
  { level: 1, label: 'SEV1' },
  { level: 2, label: 'SEV2' },
  { level: 3, label: 'SEV3' },
];

/** The level a severity label stands for in the tenant's settings; undefined for another label. */
export function severityLevelOf(label: string): 0 | 1 | 2 | 3 | undefined {
  return BLAMELESS_SEVERITIES.find(s => s.label === label)?.level;
}

/** The label of a severity level in the tenant's settings. */
export function severityLabelOf(level: number): string {
  return (
    BLAMELESS_SEVERITIES.find(s => s.level === level)?.label ?? `SEV${level}`
  );
}
