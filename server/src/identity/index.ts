export { identityKey, type Identity } from './identity.js';
