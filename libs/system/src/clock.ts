import { randomUUID } from 'node:crypto';

/** Time and ids are injected so deciders stay pure and tests stay repeatable (ARCHITECTURE.md principle 3). */
export abstract class Clock {
  abstract now(): Date;
}

export abstract class IdGenerator {
  abstract uuid(): string;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

export class RandomIdGenerator extends IdGenerator {
  uuid(): string {
    return randomUUID();
  }
}

/** A clock tests can set and move. */
export class FixedClock extends Clock {
  constructor(private current: Date) {
    super();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date): void {
    this.current = to;
  }
}
