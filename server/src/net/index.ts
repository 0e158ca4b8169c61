export { cidrContains, parseCidrRange, type Cidr } from './cidr.js';
