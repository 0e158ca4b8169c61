export { ProbePanel } from './ProbePanel';
export { lastProbeOf } from './history';
