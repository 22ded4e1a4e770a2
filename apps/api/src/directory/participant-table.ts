import type { EncryptedField, Gender } from '#libs/events';

export interface ParticipantEntry {
  readonly org: string;
  readonly participantId: string;
  readonly programId: string;
  readonly displayName: EncryptedField;
  readonly dateOfBirth: EncryptedField;
  readonly externalRef: EncryptedField | null;
  readonly gender: Gender;
  readonly ageBand: string;
  readonly registeredOn: string;
}

/**
 * One participant as the table keeps it: the repeated values (org, program, gender, age band,
 * date) are shared strings, and the three encrypted fields are one string (`sealFields`), still
 * encrypted exactly as in the log. A decoded ParticipantEntry cost ~650 bytes (four objects,
 * fourteen strings); this ~250 (issue 7, docs/benchmarks.md), at 10 M events ~390 k of them.
 */
export interface CompactParticipant {
  /** The same string as the key: memberships share it (sharedId). */
  readonly participantId: string;
  readonly org: string;
  readonly programId: string;
  readonly gender: Gender;
  readonly ageBand: string;
  readonly registeredOn: string;
  readonly sealed: string;
}

/**
 * The three encrypted fields as one string: per field `keyId.iv.tag.ct` (base64 has no `.`;
 * keyId left empty when it is the participant id, the usual case), fields separated by a space,
 * an absent externalRef as an empty part. Lossless: `openFields` gives the same fields back.
 */
export function sealFields(participantId: string, fields: readonly (EncryptedField | null)[]): string {
  return fields.map((f) => (f === null ? '' : `${f.keyId === participantId ? '' : f.keyId}.${f.iv}.${f.tag}.${f.ct}`)).join(' ');
}

export function openFields(participantId: string, sealed: string): (EncryptedField | null)[] {
  return sealed.split(' ').map((part) => {
    if (part === '') return null;
    const [keyId, iv, tag, ct] = part.split('.') as [string, string, string, string];
    return { alg: 'A256GCM', keyId: keyId === '' ? participantId : keyId, iv, tag, ct };
  });
}

/** Shares one string per distinct value (dates, ids of programs and organizations repeat). */
export class Interner {
  private readonly known = new Map<string, string>();

  intern<T extends string>(value: T): T {
    const known = this.known.get(value);
    if (known !== undefined) return known as T;
    this.known.set(value, value);
    return value;
  }
}

/** The attributes many participants share (organization, program, gender, age band, date): one object per combination. */
type Profile = Pick<CompactParticipant, 'org' | 'programId' | 'gender' | 'ageBand' | 'registeredOn'>;

/**
 * The Directory's participants: a read-only Map of ParticipantEntry to its readers, stored
 * compactly; an entry is rebuilt when read. Per participant: its row number (a Map entry), and
 * in that row its id, its sealed fields and a profile code. The five shared attributes are one
 * Profile object per distinct combination (~26 k for ~390 k people at 10 M events). An object
 * per participant cost ~80 bytes more each (~30 MB at 10 M events; issue 7, RSS under 1 GB).
 * Rows keep registration order (a Map's order); an erased participant leaves an empty row.
 */
export class ParticipantTable implements ReadonlyMap<string, ParticipantEntry> {
  private readonly rowOf = new Map<string, number>();
  /** Row → participant id: the one copy memberships share (sharedId). */
  private readonly ids: (string | undefined)[] = [];
  /** Row → the sealed fields (sealFields). */
  private readonly sealed: (string | undefined)[] = [];
  /** Row → its Profile's index in `profiles`. */
  private readonly profileOf: number[] = [];
  private readonly profiles: Profile[] = [];
  private readonly profileCodes = new Map<string, number>();

  get size(): number {
    return this.rowOf.size;
  }

  set(entry: ParticipantEntry): void {
    const { participantId, displayName, dateOfBirth, externalRef } = entry;
    this.setCompact(participantId, { org: entry.org, programId: entry.programId, gender: entry.gender, ageBand: entry.ageBand, registeredOn: entry.registeredOn, sealed: sealFields(participantId, [displayName, dateOfBirth, externalRef]) });
  }

  setCompact(participantId: string, row: Omit<CompactParticipant, 'participantId'>): void {
    const profile = this.profileCode(row);
    const at = this.rowOf.get(participantId);
    if (at !== undefined) {
      this.sealed[at] = row.sealed;
      this.profileOf[at] = profile;
      return;
    }
    this.rowOf.set(participantId, this.ids.push(participantId) - 1);
    this.sealed.push(row.sealed);
    this.profileOf.push(profile);
  }

  clear(): void {
    this.rowOf.clear();
    this.ids.length = 0;
    this.sealed.length = 0;
    this.profileOf.length = 0;
    this.profiles.length = 0;
    this.profileCodes.clear();
  }

  delete(participantId: string): boolean {
    const at = this.rowOf.get(participantId);
    if (at === undefined) return false;
    this.rowOf.delete(participantId);
    this.ids[at] = undefined;
    this.sealed[at] = undefined;
    return true;
  }

  get(participantId: string): ParticipantEntry | undefined {
    const row = this.compact(participantId);
    return row && expand(row);
  }

  /** The compact row of one participant (no decoding of the sealed fields). */
  compact(participantId: string): CompactParticipant | undefined {
    const at = this.rowOf.get(participantId);
    return at === undefined ? undefined : this.rowAt(at);
  }

  /**
   * The table's own copy of a participant id (each decoded event brings its own; memberships
   * keep this one instead: ~390 k duplicate 36-character strings fewer at 10 M events).
   */
  sharedId(participantId: string): string {
    const at = this.rowOf.get(participantId);
    return at === undefined ? participantId : this.ids[at]!;
  }

  has(participantId: string): boolean {
    return this.rowOf.has(participantId);
  }

  *compactEntries(): MapIterator<[string, CompactParticipant]> {
    for (let at = 0; at < this.ids.length; at++) {
      const id = this.ids[at];
      if (id !== undefined) yield [id, this.rowAt(at)];
    }
  }

  *entries(): MapIterator<[string, ParticipantEntry]> {
    for (const [id, row] of this.compactEntries()) yield [id, expand(row)];
  }

  *keys(): MapIterator<string> {
    for (const id of this.ids) if (id !== undefined) yield id;
  }

  *values(): MapIterator<ParticipantEntry> {
    for (const [, row] of this.compactEntries()) yield expand(row);
  }

  [Symbol.iterator](): MapIterator<[string, ParticipantEntry]> {
    return this.entries();
  }

  forEach(callback: (value: ParticipantEntry, key: string, map: ReadonlyMap<string, ParticipantEntry>) => void): void {
    for (const [id, entry] of this.entries()) callback(entry, id, this);
  }

  private rowAt(at: number): CompactParticipant {
    return { participantId: this.ids[at]!, ...this.profiles[this.profileOf[at]!]!, sealed: this.sealed[at]! };
  }

  private profileCode(row: Profile): number {
    const key = [row.org, row.programId, row.gender, row.ageBand, row.registeredOn].join('\u0000');
    let code = this.profileCodes.get(key);
    if (code === undefined) {
      code = this.profiles.push({ org: row.org, programId: row.programId, gender: row.gender, ageBand: row.ageBand, registeredOn: row.registeredOn }) - 1;
      this.profileCodes.set(key, code);
    }
    return code;
  }
}

function expand(row: CompactParticipant): ParticipantEntry {
  const { participantId } = row;
  const [displayName, dateOfBirth, externalRef] = openFields(participantId, row.sealed);
  return { org: row.org, participantId, programId: row.programId, displayName: displayName!, dateOfBirth: dateOfBirth!, externalRef: externalRef ?? null, gender: row.gender, ageBand: row.ageBand, registeredOn: row.registeredOn };
}
