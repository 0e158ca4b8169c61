export { ApiRequestError, isApiError } from './errors';
export { fetchSession, getJson, getText, write, type WriteBody } from './http';
export { openEventStream, type EventStreamHandlers } from './eventStream';
