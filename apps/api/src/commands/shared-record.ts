/**
 * An immutable record (string keys) whose updated copies share most of their entries with the
 * original, for the growing parts of folded stream states: a group's sessions, a participant's
 * measures and alerts. evolve copied the whole record per event (`{ ...sessions, [id]: s }`):
 * O(size) per write, and at bench sizes (100–200 sessions a group) `evolveGroup` and
 * `evolveParticipant` were ~8 % of the api's main thread (docs/benchmarks.md, issue 2).
 *
 * States stay values: every version is unchanged by later updates (the StreamStateCache hands one
 * version to several requests, and a retry after a lost race folds on top of the cached one), so
 * a new version never writes into an old one's maps. A version is a frozen `base` map plus a small
 * `overlay` of newer entries; an update copies only the overlay, and once the overlay holds about
 * √(size) entries it is merged into a new base: O(√size) per update, amortized.
 *
 * Readers index it like the plain record it replaces (`sessions[id]`, `Object.keys`, spreads,
 * JSON.stringify, toEqual): it is a Proxy over those maps, read-only. Key order is the order of
 * first insertion (a plain object would list integer-like keys first; nothing here relies on it).
 */
export type SharedRecord<V> = Readonly<Record<string, V>>;

const VERSION = Symbol('shared record version');
const EMPTY: ReadonlyMap<string, never> = new Map<string, never>();
/** Below this many overlay entries a merge is not worth it whatever the size. */
const MIN_OVERLAY = 8;

class Version<V> {
  constructor(
    readonly base: ReadonlyMap<string, V>,
    readonly overlay: ReadonlyMap<string, V>,
  ) {}

  has(key: string): boolean {
    return this.overlay.has(key) || this.base.has(key);
  }

  get(key: string): V | undefined {
    const value = this.overlay.get(key);
    return value !== undefined || this.overlay.has(key) ? value : this.base.get(key);
  }

  keys(): string[] {
    const keys = [...this.base.keys()];
    for (const key of this.overlay.keys()) if (!this.base.has(key)) keys.push(key);
    return keys;
  }

  with(key: string, value: V): Version<V> {
    const overlay = new Map(this.overlay).set(key, value);
    if (overlay.size < MIN_OVERLAY || overlay.size * overlay.size <= this.base.size) return new Version(this.base, overlay);
    const base = new Map(this.base);
    for (const [k, v] of overlay) base.set(k, v);
    return new Version(base, EMPTY);
  }
}

const readOnly = (): never => {
  throw new TypeError('A folded state is immutable: update it with withEntry.');
};

const HANDLER: ProxyHandler<Version<unknown>> = {
  get: (version, key) => (key === VERSION ? version : typeof key === 'string' ? version.get(key) : undefined),
  has: (version, key) => typeof key === 'string' && version.has(key),
  ownKeys: (version) => version.keys(),
  getOwnPropertyDescriptor: (version, key) =>
    typeof key === 'string' && version.has(key) ? { value: version.get(key), writable: false, enumerable: true, configurable: true } : undefined,
  getPrototypeOf: () => Object.prototype,
  set: readOnly,
  defineProperty: readOnly,
  deleteProperty: readOnly,
  setPrototypeOf: readOnly,
};

function versionOf<V>(record: SharedRecord<V>): Version<V> {
  const version = (record as { [VERSION]?: Version<V> })[VERSION];
  // A plain object (a state built by hand, a test fixture) becomes a version on its first update.
  return version ?? new Version(new Map(Object.entries(record)), EMPTY);
}

/** A record with `key` set to `value`; `record` itself is left as it was. */
export function withEntry<V>(record: SharedRecord<V>, key: string, value: V): SharedRecord<V> {
  return new Proxy(versionOf(record).with(key, value), HANDLER) as unknown as SharedRecord<V>;
}

/** An empty record, the start of a fold. */
export function emptyRecord<V>(): SharedRecord<V> {
  return EMPTY_RECORD as SharedRecord<V>;
}

const EMPTY_RECORD = new Proxy(new Version(EMPTY, EMPTY), HANDLER) as unknown as SharedRecord<unknown>;
