import { type DeadLetter, DeadLetterSink } from '#libs/pipeline';

export interface InMemoryDeadLetterSinkOptions {
  /** Where the one-line notice of each letter goes. Default console.warn. */
  readonly log?: (line: string) => void;
  /** Letters kept for inspection; the oldest are dropped beyond it. Default 1000. */
  readonly capacity?: number;
}

/**
 * Dead letters of the embedded mode: kept in memory (bounded) and logged. The log line carries
 * the reason and ids only, never the raw message or event data, which may hold participant
 * answers (PRIVACY.md).
 */
export class InMemoryDeadLetterSink extends DeadLetterSink {
  private readonly kept: DeadLetter[] = [];
  private sent = 0;
  private readonly log: (line: string) => void;
  private readonly capacity: number;

  constructor(options: InMemoryDeadLetterSinkOptions = {}) {
    super();
    this.log = options.log ?? ((line) => console.warn(line));
    this.capacity = options.capacity ?? 1000;
  }

  async send(letter: DeadLetter): Promise<void> {
    this.sent += 1;
    this.kept.push(letter);
    if (this.kept.length > this.capacity) this.kept.shift();
    const ids = [letter.event && `event ${letter.event.eventId} (${letter.event.type})`, letter.key && `key ${letter.key}`].filter(Boolean);
    this.log(`dead letter #${this.sent}${ids.length ? ` [${ids.join(', ')}]` : ''}: ${letter.reason}`);
  }

  count(): number {
    return this.sent;
  }

  /** The letters kept, oldest first. */
  letters(): readonly DeadLetter[] {
    return [...this.kept];
  }
}
