export { useOnCall } from './useOnCall';
export { useIncidents } from './useIncidents';
export { useSlos } from './useSlos';
export { useMyOnCall } from './useMyOnCall';
export { useOverlayIncidents } from './useOverlayIncidents';
export { useHealth, useMyLastShift } from './useHealth';
export { useCoverage } from './useCoverage';
