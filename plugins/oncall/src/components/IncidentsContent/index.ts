export { IncidentsContent } from './IncidentsContent';
export { SeverityChip, RetrospectiveChip } from './SeverityChip';
