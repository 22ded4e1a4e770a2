import { join } from 'node:path';
import { readRepoFile } from './deploy-files.js';

export interface Instruction {
  readonly keyword: string;
  readonly args: string;
  readonly line: number;
}

export interface Stage {
  readonly name: string;
  /** The FROM argument: an image or the name of an earlier stage. */
  readonly from: string;
  readonly instructions: readonly Instruction[];
}

export const dockerfilePath = join('deploy', 'docker', 'Dockerfile');

/**
 * A small Dockerfile reader (https://docs.docker.com/reference/dockerfile/): joins `\`
 * continuations, drops comments and the parser directive, splits into stages at FROM, and
 * substitutes the global ARG defaults into FROM lines.
 */
export function dockerfileStages(text = readRepoFile(dockerfilePath)): Stage[] {
  const logical: Instruction[] = [];
  let buffer = '';
  let startLine = 0;
  text.split('\n').forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (buffer === '' && (line === '' || line.startsWith('#'))) return;
    if (buffer === '') startLine = index + 1;
    if (line.startsWith('#')) return; // a comment inside a continued instruction
    buffer += (buffer ? ' ' : '') + line.replace(/\\$/, '').trim();
    if (line.endsWith('\\')) return;
    const match = /^([A-Za-z]+)\s+([\s\S]*)$/.exec(buffer);
    if (!match) throw new Error(`Dockerfile line ${startLine}: cannot read "${buffer}"`);
    logical.push({ keyword: match[1]!.toUpperCase(), args: match[2]!, line: startLine });
    buffer = '';
  });
  if (buffer) throw new Error('Dockerfile ends inside a continued instruction');
  const globalArgs = new Map<string, string>();
  const stages: { name: string; from: string; instructions: Instruction[] }[] = [];
  for (const instruction of logical) {
    if (instruction.keyword === 'FROM') {
      const [image, as, name] = instruction.args.split(/\s+/);
      const from = image!.replace(/\$\{(\w+)\}|\$(\w+)/g, (_m, a?: string, b?: string) => globalArgs.get((a ?? b)!) ?? '');
      stages.push({ name: as?.toUpperCase() === 'AS' && name ? name : String(stages.length), from, instructions: [] });
    } else if (stages.length === 0) {
      if (instruction.keyword !== 'ARG') throw new Error(`Dockerfile line ${instruction.line}: only ARG may precede the first FROM`);
      const [key, value] = instruction.args.split('=');
      globalArgs.set(key!.trim(), (value ?? '').trim());
    } else {
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  return stages;
}

/** The stage and its ancestors, base first: what the target's image is made of. */
export function lineage(stages: readonly Stage[], target: string): Stage[] {
  const stage = stages.find((s) => s.name === target);
  if (!stage) throw new Error(`No stage named ${target}`);
  const parent = stages.find((s) => s.name === stage.from);
  return parent ? [...lineage(stages, parent.name), stage] : [stage];
}

/** The last value an instruction takes along the lineage (USER, HEALTHCHECK, CMD are inherited). */
export function effective(stages: readonly Stage[], target: string, keyword: string): Instruction | undefined {
  return lineage(stages, target)
    .flatMap((s) => s.instructions)
    .filter((i) => i.keyword === keyword)
    .at(-1);
}
