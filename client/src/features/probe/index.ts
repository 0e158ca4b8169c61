export { ProbePanel } from './ProbePanel';
