import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

/** What the figures were measured on (docs/benchmarks.md lists it beside them). */
export function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  let fsType = 'unknown';
  try {
    fsType = execSync('stat -f -c %T /tmp', { encoding: 'utf8' }).trim();
  } catch {
    /* not fatal: the file system is informative only */
  }
  return {
    nproc: cpus().length,
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    tmpFileSystem: fsType,
    loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
  };
}
