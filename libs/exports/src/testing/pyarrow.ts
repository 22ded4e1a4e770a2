import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** pyarrow from PyPI, pinned, the standard reader the Parquet files must satisfy. */
export const PYARROW = 'pyarrow==25.0.1';

/**
 * A Python with pyarrow in `<repo>/.tmp/venv`, installed on first use (the project's own files
 * install what the tests need: a fresh machine has no pyarrow). Serialized with flock so two
 * Jest workers do not build the venv at once.
 */
export function pyarrowPython(root = process.cwd()): string {
  const python = join(root, '.tmp', 'venv', 'bin', 'python');
  const ready = () => {
    try {
      execFileSync(python, ['-c', 'import pyarrow'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (existsSync(python) && ready()) return python;
  mkdirSync(join(root, '.tmp'), { recursive: true });
  const script = `test -x .tmp/venv/bin/python || python3 -m venv .tmp/venv; .tmp/venv/bin/python -c 'import pyarrow' 2>/dev/null || .tmp/venv/bin/pip install -q ${PYARROW}`;
  execFileSync('flock', [join(root, '.tmp', 'pyarrow-venv.lock'), 'sh', '-c', script], { cwd: root, stdio: 'inherit', timeout: 600_000 });
  return python;
}

const READER = `
import json, sys
import pyarrow.parquet as pq
out = {}
for path in sys.argv[1:]:
    t = pq.read_table(path)
    out[path] = {"schema": [[f.name, str(f.type), f.nullable] for f in t.schema], "rows": [list(r.values()) for r in t.to_pylist()]}
print(json.dumps(out))
`;

/** Reads Parquet files with pyarrow: per path, the schema `[name, type, nullable]` and the rows. */
export function readParquet(python: string, paths: readonly string[]): Record<string, { schema: [string, string, boolean][]; rows: unknown[][] }> {
  return JSON.parse(execFileSync(python, ['-c', READER, ...paths], { maxBuffer: 1 << 30 }).toString('utf8'));
}
