export { TransportList } from './TransportList';
export { TransportDetailView } from './TransportDetailView';
export { DiagnosticList, type DiagnosticAction } from './DiagnosticList';
export { useTransport } from './useTransport';
export { configObjectsQuery, type ConfigKind } from './referenceProblems';
