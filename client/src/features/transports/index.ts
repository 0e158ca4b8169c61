export { TransportList } from './TransportList';
export { TransportDetailView } from './TransportDetailView';
export { DiagnosticList } from './DiagnosticList';
export { useTransport, transportKey } from './useTransport';
export { downloadText } from './download';
