export type { Diagnostic, DiagnosticSource, Severity } from './types.js';
export { ADMISSION_SOURCES, isAdmissible } from './types.js';
export type { PathSegment } from './pointer.js';
export { fromPointer, toFieldPath, toPointer } from './pointer.js';
