export { ApiRequestError, isApiError } from './errors';
export {
  fetchSession,
  getJson,
  getText,
  setUnauthorizedHandler,
  signIn,
  signOut,
  write,
  type WriteBody,
} from './http';
export { openEventStream, type EventStreamHandlers } from './eventStream';
