import type { ScoredMeasure } from './state.js';

/**
 * The valid scores of one episode, packed into numbers. As one object per score (its id a
 * 36-character string) the open episodes' ~650 k scores held ~95 MB at 10 M events (issue 7,
 * RSS under 1 GB); packed, ~40 MB. Per score, in `numbers`:
 *   [instrument and date codes, value, position, id part 0, id part 1, id part 2]
 * — a UUID in three exact integers (11 + 11 + 10 hex digits); any other id is kept as text and
 * named by a negative part 0. Session ids stay shared strings (one pointer each). Exact: every
 * field reads back as it went in.
 */
const STRIDE = 6;
const DATE_CODES = 2 ** 24;
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Process-wide codes for the few distinct instruments and dates (thousands, not millions). */
class TextCodes {
  private readonly codes = new Map<string, number>();
  private readonly texts: string[] = [];

  codeOf(text: string): number {
    let code = this.codes.get(text);
    if (code === undefined) {
      code = this.texts.push(text) - 1;
      this.codes.set(text, code);
    }
    return code;
  }

  textOf(code: number): string {
    return this.texts[code]!;
  }

  /** The code of `text`, or -1 when it has none (nothing was stored with it). */
  peekCode(text: string): number {
    return this.codes.get(text) ?? -1;
  }
}

const instruments = new TextCodes();
const dates = new TextCodes();

type IdParts = readonly [number, number, number];

function uuidParts(id: string): IdParts | null {
  if (!CANONICAL_UUID.test(id)) return null;
  const hex = id.slice(0, 8) + id.slice(9, 13) + id.slice(14, 18) + id.slice(19, 23) + id.slice(24);
  return [parseInt(hex.slice(0, 11), 16), parseInt(hex.slice(11, 22), 16), parseInt(hex.slice(22), 16)];
}

function uuidText(a: number, b: number, c: number): string {
  const hex = a.toString(16).padStart(11, '0') + b.toString(16).padStart(11, '0') + c.toString(16).padStart(10, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A score read out of the log; its id is decoded only when asked for (ticks read dates, not ids). */
class PackedScore implements ScoredMeasure {
  constructor(
    readonly instrument: string,
    readonly value: number,
    readonly administeredOn: string,
    readonly sessionId: string | null,
    readonly position: number,
    private readonly id: IdParts,
    private readonly others: readonly string[] | null,
  ) {}

  get measureId(): string {
    const [a, b, c] = this.id;
    return a < 0 ? this.others![-a - 1]! : uuidText(a, b, c);
  }
}

export class MeasureLog {
  private numbers: number[] = [];
  private sessions: (string | null)[] = [];
  /** Ids that are not lowercase UUIDs (none from the api, which issues and checks UUIDs). */
  private others: string[] | null = null;
  /** Counts the changes (push, remove, setValue): what was read before is stale when it moved. */
  private changes = 0;

  get version(): number {
    return this.changes;
  }

  get length(): number {
    return this.sessions.length;
  }

  push(measure: ScoredMeasure): void {
    const codes = instruments.codeOf(measure.instrument) * DATE_CODES + dates.codeOf(measure.administeredOn);
    this.numbers.push(codes, measure.value, measure.position, ...this.encodeId(measure.measureId));
    this.sessions.push(measure.sessionId);
    this.changes++;
  }

  /** Drops the spare capacity arrays keep for growth (a third of the log's bytes once restored). */
  trim(): void {
    this.numbers = this.numbers.slice();
    this.sessions = this.sessions.slice();
  }

  has(measureId: string): boolean {
    return this.indexOf(measureId) >= 0;
  }

  find(measureId: string): ScoredMeasure | undefined {
    const index = this.indexOf(measureId);
    return index < 0 ? undefined : this.at(index);
  }

  /** Removes the score (a void, or a re-score that made it invalid); false when it is not here. */
  remove(measureId: string): boolean {
    const index = this.indexOf(measureId);
    if (index < 0) return false;
    this.numbers.splice(index * STRIDE, STRIDE);
    this.sessions.splice(index, 1);
    this.changes++;
    return true;
  }

  setValue(measureId: string, value: number): boolean {
    const index = this.indexOf(measureId);
    if (index < 0) return false;
    this.numbers[index * STRIDE + 1] = value;
    this.changes++;
    return true;
  }

  /** The scores of one instrument, in arrival order. */
  ofInstrument(instrument: string): ScoredMeasure[] {
    const scores: ScoredMeasure[] = [];
    this.eachOf(instrument, (index) => scores.push(this.at(index)));
    return scores;
  }

  /** The latest administered date of the instrument's scores, or null: without a score object per score (checked on every measure and attendance of an episode). */
  latestDateOf(instrument: string): string | null {
    let latest: string | null = null;
    this.eachOf(instrument, (_, date) => {
      if (latest === null || date > latest) latest = date;
    });
    return latest;
  }

  /** The sessions and the dates the instrument's scores were given for: without a score object per score (the overdue rule asks on every attendance). */
  coverageOf(instrument: string): { readonly sessionIds: ReadonlySet<string>; readonly dates: ReadonlySet<string> } {
    const sessionIds = new Set<string>();
    const covered = new Set<string>();
    this.eachOf(instrument, (index, date) => {
      covered.add(date);
      const sessionId = this.sessions[index];
      if (sessionId) sessionIds.add(sessionId);
    });
    return { sessionIds, dates: covered };
  }

  /** Every score, in arrival order. */
  all(): ScoredMeasure[] {
    return Array.from({ length: this.length }, (_, i) => this.at(i));
  }

  /** Calls `visit` with the index and administered date of each score of the instrument, in arrival order (codes compared, no text per score but the date). */
  private eachOf(instrument: string, visit: (index: number, administeredOn: string) => void): void {
    const code = instruments.peekCode(instrument);
    for (let i = 0; i < this.length; i++) {
      const codes = this.numbers[i * STRIDE]!;
      if (Math.floor(codes / DATE_CODES) === code) visit(i, dates.textOf(codes % DATE_CODES));
    }
  }

  private at(index: number): ScoredMeasure {
    const base = index * STRIDE;
    const codes = this.numbers[base]!;
    const instrument = instruments.textOf(Math.floor(codes / DATE_CODES));
    const administeredOn = dates.textOf(codes % DATE_CODES);
    const id: IdParts = [this.numbers[base + 3]!, this.numbers[base + 4]!, this.numbers[base + 5]!];
    return new PackedScore(instrument, this.numbers[base + 1]!, administeredOn, this.sessions[index] ?? null, this.numbers[base + 2]!, id, this.others);
  }

  private indexOf(measureId: string): number {
    const parts = uuidParts(measureId) ?? this.otherParts(measureId, false);
    if (parts === null) return -1;
    for (let i = 0, base = 3; i < this.length; i++, base += STRIDE) {
      if (this.numbers[base] === parts[0] && this.numbers[base + 1] === parts[1] && this.numbers[base + 2] === parts[2]) return i;
    }
    return -1;
  }

  private encodeId(measureId: string): IdParts {
    return uuidParts(measureId) ?? this.otherParts(measureId, true)!;
  }

  /** A non-UUID id's parts: its place in `others` (added when `add`), or null when unknown. */
  private otherParts(measureId: string, add: boolean): IdParts | null {
    let index = this.others?.indexOf(measureId) ?? -1;
    if (index < 0 && add) index = (this.others ??= []).push(measureId) - 1;
    return index < 0 ? null : [-index - 1, 0, 0];
  }
}
