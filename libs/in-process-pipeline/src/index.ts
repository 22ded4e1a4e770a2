export { InProcessPipeline, type InProcessPipelineOptions } from './in-process-pipeline.js';
export { FileCheckpointStore, type FileCheckpointStoreOptions } from './file-checkpoint-store.js';
export { InMemoryDeadLetterSink, type InMemoryDeadLetterSinkOptions } from './in-memory-dead-letter-sink.js';
