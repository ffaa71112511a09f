import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { CoverageFilter, CoverageRowState } from './filterCoverage';

const STATES: Array<{ value: CoverageRowState; label: string }> = [
  { value: 'mapped', label: 'Mapped' },
  { value: 'inherited', label: 'Inherited' },
  { value: 'by-name', label: 'Matched by name' },
  { value: 'ambiguous', label: 'Ambiguous' },
  { value: 'missing', label: 'Missing' },
  { value: 'broken', label: 'Broken' },
];

/** Provider, state and text filters of the coverage table. */
export function CoverageFilters(props: {
  filter: CoverageFilter;
  providerIds: string[];
  onChange: (filter: CoverageFilter) => void;
}) {
  const { filter, onChange } = props;
  return (
    <Box display="flex" flexWrap="wrap" mb={2} style={{ gap: 16 }}>
      <TextField
        select
        id="oncall-coverage-provider"
        label="Provider"
        variant="outlined"
        size="small"
        style={{ minWidth: 200 }}
        value={filter.providerId}
        onChange={event =>
          onChange({ ...filter, providerId: String(event.target.value) })
        }
      >
        <MenuItem value="">All providers</MenuItem>
        {props.providerIds.map(id => (
          <MenuItem key={id} value={id}>
            {id}
          </MenuItem>
        ))}
        <MenuItem value="none">No provider</MenuItem>
      </TextField>
      <TextField
        select
        id="oncall-coverage-state"
        label="State"
        variant="outlined"
        size="small"
        style={{ minWidth: 200 }}
        value={filter.state}
        onChange={event =>
          onChange({
            ...filter,
            state: String(event.target.value) as CoverageFilter['state'],
          })
        }
      >
        <MenuItem value="">All states</MenuItem>
        {STATES.map(state => (
          <MenuItem key={state.value} value={state.value}>
            {state.label}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        id="oncall-coverage-search"
        label="Search"
        variant="outlined"
        size="small"
        placeholder="Group, service, team or rotation"
        style={{ minWidth: 280 }}
        value={filter.text}
        onChange={event => onChange({ ...filter, text: event.target.value })}
      />
    </Box>
  );
}
