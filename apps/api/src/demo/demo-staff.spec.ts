import { describe, expect, it } from '@jest/globals';
import { demoStaffName } from './demo-staff.js';

describe('demoStaffName', () => {
  it("takes the first name from the generator's id and a family name that depends only on the id", () => {
    expect(demoStaffName('therapist-ana')).toMatch(/^Ana [A-Z][a-z]+$/);
    expect(demoStaffName('therapist-ben-3')).toMatch(/^Ben [A-Z][a-z]+$/);
    expect(demoStaffName('therapist-ana')).toBe(demoStaffName('therapist-ana'));
  });

  it('gives different ids of one first name (mostly) different family names', () => {
    const names = new Set(Array.from({ length: 12 }, (_, i) => demoStaffName(`therapist-ana-${i + 2}`)));
    expect(names.size).toBeGreaterThan(4);
  });

  it('keeps an id of another shape whole rather than guessing', () => {
    expect(demoStaffName('u_12.x')).toMatch(/^U_12\.x [A-Z][a-z]+$/);
  });
});
