import { Injectable } from '@nestjs/common';
import type { RecordedEvent, StaffMemberNamed } from '#libs/events';
import { StoreFollower } from '../directory/store-follower.js';

export interface StaffEntry {
  readonly userId: string;
  readonly name: string;
}

/**
 * Who is called what, per organization (StaffMemberNamed of the `staff-{org}` streams): the
 * names the api puts beside staff ids (facilitators of GET /groups, therapists of the outcomes'
 * byTherapist) and lists at GET /staff. A few thousand names at most, so a Map per organization;
 * it follows the store like the Directory and snapshots in embedded mode.
 */
@Injectable()
export class StaffDirectory extends StoreFollower {
  readonly name = 'staff';
  private readonly byOrg = new Map<string, Map<string, string>>();
  /** Counts changes to the names (answers that show them, e.g. GET /groups, are kept until this moves). */
  changes = 0;
  protected override readonly snapshotVersion = 1;

  /** The name `userId` is shown by in `org`, or null when nobody named them. */
  nameOf(org: string, userId: string): string | null {
    return this.byOrg.get(org)?.get(userId) ?? null;
  }

  /** A lookup for one organization, for a loop over many ids (one Map get each). */
  namesOf(org: string): (userId: string) => string | null {
    const names = this.byOrg.get(org);
    return names ? (userId) => names.get(userId) ?? null : () => null;
  }

  /** The organization's named staff, by name then id. */
  list(org: string): StaffEntry[] {
    return [...(this.byOrg.get(org) ?? new Map<string, string>())]
      .map(([userId, name]) => ({ userId, name }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
  }

  protected apply(recorded: RecordedEvent): void {
    if (recorded.type !== 'StaffMemberNamed') return;
    const { userId, name } = recorded.data as StaffMemberNamed['data'];
    this.set(recorded.metadata.org, userId, name);
  }

  /** One line per organization: `[org, [[userId, name], ...]]`. */
  protected override *snapshotLines(): Iterable<string> {
    for (const [org, names] of this.byOrg) yield JSON.stringify([org, [...names]]);
  }

  protected override restoreLine(line: string): void {
    const [org, names] = JSON.parse(line) as [string, [string, string][]];
    for (const [userId, name] of names) this.set(org, userId, name);
  }

  protected override clearState(): void {
    this.changes++;
    this.byOrg.clear();
  }

  private set(org: string, userId: string, name: string): void {
    this.changes++;
    let names = this.byOrg.get(org);
    if (!names) this.byOrg.set(org, (names = new Map()));
    names.set(userId, name);
  }
}
