import { RuleBroken } from '#libs/errors';

/**
 * "Not in the future" is judged in the program's time zone, with a small allowance for
 * clock skew between the client and us (a form submitted just after midnight in the program
 * zone by a device whose clock runs a few minutes ahead).
 */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

export function assertNotInFuture(field: string, date: string, latestAllowed: string): void {
  if (date > latestAllowed) {
    throw new RuleBroken('DATE_IN_FUTURE', `${field} ${date} is in the future of the program's time zone (today is ${latestAllowed}).`);
  }
}
