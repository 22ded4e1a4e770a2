export { type KafkaConnectionOptions } from './kafka-client.js';
export { KafkaEventPublisher, type KafkaEventPublisherOptions } from './kafka-event-publisher.js';
export { KafkaEventConsumer, type KafkaEventConsumerOptions } from './kafka-event-consumer.js';
export { KafkaDeadLetterSink, type KafkaDeadLetterSinkOptions, DEAD_LETTER_REASON_HEADER } from './kafka-dead-letter-sink.js';
export { ensureTopics, type EnsureTopicsOptions } from './ensure-topics.js';
export { isBrokerUnavailable } from './kafka-errors.js';
export { decodeEvent, encodeEvent, HEADER as EVENT_HEADERS, type DecodeResult, type EncodedEvent } from './event-codec.js';
