export { createSecurity, type SecurityOptions, type TokenCheck } from './security.js';
export { loadSecurityKeys, deriveKeys, SESSION_KEY_ENV, SessionKeyError, type SecurityKeys } from './keys.js';
export { CSRF_HEADER } from './csrf.js';
export { SESSION_COOKIE } from './session.js';
