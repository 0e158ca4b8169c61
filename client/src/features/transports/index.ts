export { TransportList } from './TransportList';
export { TABLE_ID } from './listModel';
export { TransportDetailView } from './TransportDetailView';
export { DiagnosticList, type DiagnosticAction } from './DiagnosticList';
export { useTransport } from './useTransport';
export { configObjectsQuery, type ConfigKind } from './referenceProblems';
export { gitOpsOwner, type GitOpsOwner } from './gitops';
export { GitOpsNote } from './GitOpsNote';
export { downloadText } from './download';
