/**
 * Where the api's CPU time went during a bench run: reads a V8 .cpuprofile (written by
 * `http-writes.js --cpu-prof` into .tmp/cpu-prof/) and prints self time by function and by
 * package. Run: node dist/bench/profile-summary.js .tmp/cpu-prof/<file>.cpuprofile
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
if (!file) throw new Error('usage: node dist/bench/profile-summary.js <file.cpuprofile> [top=25]');
const top = Number(process.argv[3] ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfMicros = new Map<number, number>();
profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfMicros.values()].reduce((a, b) => a + b, 0);

function packageOf(url: string): string {
  if (!url) return '(native / V8 / GC)';
  if (url.startsWith('node:')) return url.split('/')[0]!;
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  const own = /dist\/((?:apps|libs)\/[^/]+)/.exec(url);
  return own ? own[1]! : url;
}

const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
for (const [id, micros] of selfMicros) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const key = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
  byPackage.set(packageOf(url), (byPackage.get(packageOf(url)) ?? 0) + micros);
}
/** Coarse buckets for the write path; the first matching rule wins. */
const CATEGORIES: [string, RegExp][] = [
  ['auth (jose HS256, WebCrypto jobs, guard)', /webapi\/lib|jose|auth\.guard|crypto/],
  ['stream reads and folds (readStream, row decoding, SELECT, evolve)', /^(readStream|toRecorded|all|get|evolve\w*|foldState|load) /],
  ['append and commit (INSERT, COMMIT + fsync, transaction, hand-off to the writer thread)', /^(run|appendOne|sqliteTransaction|transaction|flush|fsync|postMessage|send) .*(sqlite|worker|:0$)/],
  ['today in the program time zone (Intl.DateTimeFormat)', /^dateInTimeZone /],
  ['scope and session lookups over the directory', /participant-access/],
  ['garbage collector', /^\(garbage collector\)/],
  ['HTTP, Fastify, Nest, body parsing, validation', /node_modules|node:|^writev|^dispatch|^init |^\(program\)/],
];
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
/**
 * A native frame has no url, and several natives share a name (`run` is a SQLite statement and
 * also a WebCrypto job): such a frame is classified together with the JavaScript that called it.
 */
function categoryKey(id: number): string {
  const { functionName, url } = byId.get(id)!.callFrame;
  const own = `${functionName || '(anonymous)'} ${url}`;
  const parent = parentOf.get(id);
  if (url || parent === undefined) return url ? own : `${own}:0`;
  const caller = byId.get(parent)!.callFrame;
  return `${own}:0 < ${caller.functionName} ${caller.url}`;
}
const byCategory = new Map<string, number>();
for (const [id, micros] of selfMicros) {
  const key = categoryKey(id);
  const category = CATEGORIES.find(([, pattern]) => pattern.test(key))?.[0] ?? 'other (api code, idle)';
  byCategory.set(category, (byCategory.get(category) ?? 0) + micros);
}

const show = (title: string, map: Map<string, number>) => {
  console.log(`\n${title} (self time, % of ${(total / 1e6).toFixed(1)} s sampled)`);
  for (const [key, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${((100 * micros) / total).toFixed(1).padStart(5)} %  ${key}`);
};
show('by category', byCategory);
show('by package', byPackage);
show('by function', byFunction);
