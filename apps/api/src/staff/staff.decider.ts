import type { StaffEvent, StaffMemberNamed } from '#libs/events';
import { emptyRecord, type SharedRecord, withEntry } from '../commands/shared-record.js';
import type { Decider } from '../commands/decider.js';

/** An organization's staff names (stream `staff-{org}`): userId → the name they are shown by. */
export interface StaffState {
  readonly names: SharedRecord<string>;
}

export interface NameStaffMember {
  readonly kind: 'NameStaffMember';
  readonly data: StaffMemberNamed['data'];
}

/** True when the command would change nothing: the handler then appends nothing (see name-staff-member.ts). */
export function alreadyNamed(state: StaffState, command: NameStaffMember): boolean {
  return state.names[command.data.userId] === command.data.name;
}

export const staffDecider: Decider<NameStaffMember, StaffState, StaffEvent> = {
  initialState: { names: emptyRecord<string>() },
  evolve: (state, event) => ({ names: withEntry(state.names, event.data.userId, event.data.name) }),
  // A rename is always allowed; the no-op case is caught before deciding (a store refuses an empty append).
  decide: (command) => [{ type: 'StaffMemberNamed', data: command.data }],
};
