export { TraefikCell, traefikColumnLabel } from './TraefikCell';
export { TraefikSection, type LastProbe } from './TraefikSection';
export { useTraefikOverview } from './queries';
