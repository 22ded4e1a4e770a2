export { KurrentDbStandIn } from './kurrentdb-stand-in.js';
