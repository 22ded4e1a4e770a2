export { encrypted, recorded, sampleLog, encryptedMarkers, ids, type RecordOptions } from './events.js';
