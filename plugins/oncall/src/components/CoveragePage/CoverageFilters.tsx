import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { ReactNode } from 'react';
import { CoverageFilter, CoverageRowState } from './filterCoverage';

const STATES: Array<{ value: CoverageRowState; label: string }> = [
  { value: 'mapped', label: 'Mapped' },
  { value: 'inherited', label: 'Inherited' },
  { value: 'by-name', label: 'Matched by name' },
  { value: 'ambiguous', label: 'Ambiguous' },
  { value: 'missing', label: 'Missing' },
  { value: 'broken', label: 'Broken' },
];

/** One drop-down of the coverage filters; hands the chosen value on as a string. */
function FilterSelect(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
}) {
  return (
    <TextField
      select
      id={props.id}
      label={props.label}
      variant="outlined"
      size="small"
      style={{ minWidth: 200 }}
      value={props.value}
      onChange={event => props.onChange(String(event.target.value))}
    >
      {props.children}
    </TextField>
  );
}

/** Provider, state and text filters of the coverage table. */
export function CoverageFilters(props: {
  filter: CoverageFilter;
  providerIds: string[];
  onChange: (filter: CoverageFilter) => void;
}) {
  const { filter, onChange } = props;
  return (
    <Box display="flex" flexWrap="wrap" mb={2} style={{ gap: 16 }}>
      <FilterSelect
        id="oncall-coverage-provider"
        label="Provider"
        value={filter.providerId}
        onChange={providerId => onChange({ ...filter, providerId })}
      >
        <MenuItem value="">All providers</MenuItem>
        {props.providerIds.map(id => (
          <MenuItem key={id} value={id}>
            {id}
          </MenuItem>
        ))}
        <MenuItem value="none">No provider</MenuItem>
      </FilterSelect>
      <FilterSelect
        id="oncall-coverage-state"
        label="State"
        value={filter.state}
        onChange={state =>
          onChange({ ...filter, state: state as CoverageFilter['state'] })
        }
      >
        <MenuItem value="">All states</MenuItem>
        {STATES.map(state => (
          <MenuItem key={state.value} value={state.value}>
            {state.label}
          </MenuItem>
        ))}
      </FilterSelect>
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
