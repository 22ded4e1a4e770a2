import type { DomainEvent } from '#libs/events';

/**
 * A pure decider (ARCHITECTURE.md principle 3): no I/O, no clock, no random ids inside.
 * Whatever a decision needs from the world (today's date in the program's time zone, the
 * program of a participant, fresh ids) arrives in the command.
 */
export interface Decider<Command, State, Event extends DomainEvent = DomainEvent> {
  readonly initialState: State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): readonly Event[];
}

/** Folds a stream's events into the decider's state. */
export function foldState<State, Event extends DomainEvent>(decider: Pick<Decider<unknown, State, Event>, 'initialState' | 'evolve'>, events: readonly Event[]): State {
  return events.reduce(decider.evolve, decider.initialState);
}
