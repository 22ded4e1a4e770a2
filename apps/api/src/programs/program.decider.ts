import { Conflict } from '#libs/errors';
import type { ProgramCreated, ProgramEvent } from '#libs/events';
import type { Decider } from '../commands/decider.js';

export type ProgramState = { readonly exists: false } | ({ readonly exists: true } & ProgramCreated['data']);

export interface CreateProgram {
  readonly kind: 'CreateProgram';
  readonly data: ProgramCreated['data'];
}

export const programDecider: Decider<CreateProgram, ProgramState, ProgramEvent> = {
  initialState: { exists: false },
  evolve: (_state, event) => ({ exists: true, ...event.data }),
  decide(command, state) {
    if (state.exists) throw new Conflict('ID_TAKEN', `Program ${command.data.programId} already exists.`);
    return [{ type: 'ProgramCreated', data: command.data }];
  },
};
