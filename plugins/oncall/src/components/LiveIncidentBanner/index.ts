export { LiveIncidentBanner } from './LiveIncidentBanner';
