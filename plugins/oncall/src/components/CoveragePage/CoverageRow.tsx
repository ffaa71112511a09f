import { CodeSnippet } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { CoverageEntry } from '@oncall-for-backstage/plugin-oncall-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { MAX_SENTENCE_LENGTH } from '../../lib/text';
import { LongText, ProviderChip, SafeLink } from '../shared';
import { STATE_LABELS, VIA_LABELS } from './coverageLabels';
import { rowState } from './filterCoverage';

function Rotations(props: { entry: CoverageEntry }) {
  const rotations = props.entry.rotations ?? [];
  if (!rotations.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        {props.entry.team ? <LongText value={props.entry.team} /> : '—'}
      </Typography>
    );
  }
  return (
    <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {rotations.map(rotation => (
        <li key={`${rotation.source?.providerId ?? ''}/${rotation.name}`}>
          <SafeLink to={rotation.source?.url}>
            <LongText value={rotation.name} />
          </SafeLink>
        </li>
      ))}
    </Box>
  );
}

/** One Group or service on the coverage page. */
export function CoverageRow(props: {
  entry: CoverageEntry;
  service?: boolean;
}) {
  const { entry } = props;
  const state = rowState(entry);
  const problem =
    state === 'missing' || state === 'broken' || state === 'ambiguous';
  const detail = entry.ambiguity?.message ?? entry.reason ?? entry.fix;
  return (
    <TableRow data-testid={`coverage-row-${entry.entityRef}`}>
      <TableCell style={{ paddingLeft: props.service ? 40 : undefined }}>
        <EntityRefLink entityRef={entry.entityRef} />
        <Typography variant="caption" color="textSecondary" display="block">
          {entry.kind}
        </Typography>
      </TableCell>
      <TableCell>
        {entry.provider ? <ProviderChip source={entry.provider} /> : '—'}
      </TableCell>
      <TableCell>
        <Rotations entry={entry} />
      </TableCell>
      <TableCell>{entry.via ? VIA_LABELS[entry.via] : '—'}</TableCell>
      <TableCell style={{ maxWidth: 480, overflowWrap: 'anywhere' }}>
        <Chip
          size="small"
          label={STATE_LABELS[state]}
          color={problem ? 'secondary' : 'default'}
        />
        {detail && (
          <Typography variant="body2" color="textSecondary">
            <LongText value={detail} max={MAX_SENTENCE_LENGTH} />
          </Typography>
        )}
        {entry.yaml && (
          <Box mt={1} aria-label={`YAML to add to ${entry.entityRef}`}>
            <CodeSnippet
              text={entry.yaml}
              language="yaml"
              showCopyCodeButton
              customStyle={{ fontSize: '90%', whiteSpace: 'pre-wrap' }}
            />
          </Box>
        )}
      </TableCell>
    </TableRow>
  );
}
