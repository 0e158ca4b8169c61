export { DRAFT_PREFIX, PROBE_HISTORY_PREFIX, forgetUserData } from './userData';
