import { describe, expect, it } from '@jest/globals';
import type { StaffEvent } from '#libs/events';
import { foldState } from '../commands/decider.js';
import { alreadyNamed, staffDecider } from './staff.decider.js';

const named = (userId: string, name: string): StaffEvent => ({ type: 'StaffMemberNamed', data: { userId, name } });

describe('staff decider (pure)', () => {
  it('keeps the latest name of each user', () => {
    const state = foldState(staffDecider, [named('t-1', 'Dr Ada Moss'), named('t-2', 'Sam Reyes'), named('t-1', 'Dr Ada Moss-Lee')]);
    expect({ ...state.names }).toEqual({ 't-1': 'Dr Ada Moss-Lee', 't-2': 'Sam Reyes' });
  });

  it('decides one StaffMemberNamed for a new name or a rename', () => {
    const state = foldState(staffDecider, [named('t-1', 'Ada')]);
    expect(staffDecider.decide({ kind: 'NameStaffMember', data: { userId: 't-1', name: 'Ada Moss' } }, state)).toEqual([named('t-1', 'Ada Moss')]);
    expect(staffDecider.decide({ kind: 'NameStaffMember', data: { userId: 't-9', name: 'New' } }, staffDecider.initialState)).toEqual([named('t-9', 'New')]);
  });

  it('says when a name is already the one recorded (nothing to append), case and spacing included', () => {
    const state = foldState(staffDecider, [named('t-1', 'Ada Moss')]);
    expect(alreadyNamed(state, { kind: 'NameStaffMember', data: { userId: 't-1', name: 'Ada Moss' } })).toBe(true);
    expect(alreadyNamed(state, { kind: 'NameStaffMember', data: { userId: 't-1', name: 'ada moss' } })).toBe(false);
    expect(alreadyNamed(state, { kind: 'NameStaffMember', data: { userId: 't-2', name: 'Ada Moss' } })).toBe(false);
  });
});
