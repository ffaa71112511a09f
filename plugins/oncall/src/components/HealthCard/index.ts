export { HealthCard, HealthSection, HealthView } from './HealthCard';
