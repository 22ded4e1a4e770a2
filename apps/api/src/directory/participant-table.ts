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

/**
 * The Directory's participants: a read-only Map of ParticipantEntry to its readers, stored
 * compactly (CompactParticipant); an entry is rebuilt when read.
 */
export class ParticipantTable implements ReadonlyMap<string, ParticipantEntry> {
  private readonly rows = new Map<string, CompactParticipant>();
  private readonly strings = new Interner();

  get size(): number {
    return this.rows.size;
  }

  set(entry: ParticipantEntry): void {
    const { participantId, displayName, dateOfBirth, externalRef } = entry;
    this.setCompact(participantId, { org: entry.org, programId: entry.programId, gender: entry.gender, ageBand: entry.ageBand, registeredOn: entry.registeredOn, sealed: sealFields(participantId, [displayName, dateOfBirth, externalRef]) });
  }

  setCompact(participantId: string, row: Omit<CompactParticipant, 'participantId'>): void {
    const s = this.strings;
    this.rows.set(participantId, { participantId, org: s.intern(row.org), programId: s.intern(row.programId), gender: s.intern(row.gender), ageBand: s.intern(row.ageBand), registeredOn: s.intern(row.registeredOn), sealed: row.sealed });
  }

  clear(): void {
    this.rows.clear();
  }

  delete(participantId: string): boolean {
    return this.rows.delete(participantId);
  }

  get(participantId: string): ParticipantEntry | undefined {
    const row = this.rows.get(participantId);
    return row && expand(participantId, row);
  }

  /**
   * The table's own copy of a participant id (each decoded event brings its own; memberships
   * keep this one instead: ~390 k duplicate 36-character strings fewer at 10 M events).
   */
  sharedId(participantId: string): string {
    return this.rows.get(participantId)?.participantId ?? participantId;
  }

  has(participantId: string): boolean {
    return this.rows.has(participantId);
  }

  compactEntries(): IterableIterator<[string, CompactParticipant]> {
    return this.rows.entries();
  }

  *entries(): MapIterator<[string, ParticipantEntry]> {
    for (const [id, row] of this.rows) yield [id, expand(id, row)];
  }

  keys(): MapIterator<string> {
    return this.rows.keys();
  }

  *values(): MapIterator<ParticipantEntry> {
    for (const [id, row] of this.rows) yield expand(id, row);
  }

  [Symbol.iterator](): MapIterator<[string, ParticipantEntry]> {
    return this.entries();
  }

  forEach(callback: (value: ParticipantEntry, key: string, map: ReadonlyMap<string, ParticipantEntry>) => void): void {
    for (const [id, entry] of this.entries()) callback(entry, id, this);
  }
}

function expand(participantId: string, row: CompactParticipant): ParticipantEntry {
  const [displayName, dateOfBirth, externalRef] = openFields(participantId, row.sealed);
  return { org: row.org, participantId, programId: row.programId, displayName: displayName!, dateOfBirth: dateOfBirth!, externalRef: externalRef ?? null, gender: row.gender, ageBand: row.ageBand, registeredOn: row.registeredOn };
}
