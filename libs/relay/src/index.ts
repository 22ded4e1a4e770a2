export { Relay, type RelayOptions } from './relay.js';
export { batches, type BatchBounds } from './batches.js';
export { RelayModule, RelayRunner, RelaySettings, type RelayModuleOptions } from './relay.module.js';
