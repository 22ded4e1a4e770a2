import { join, relative } from 'node:path';
import { kubernetesDir, listFiles, repoRoot, yamlDocuments } from './deploy-files.js';

export interface Manifest {
  readonly file: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { name: string; labels?: Record<string, string> };
  readonly [field: string]: unknown;
}

export type Container = {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string }; configMapKeyRef?: { name: string; key: string } } }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { allowPrivilegeEscalation?: boolean; capabilities?: { drop?: string[] } };
};
export type Probe = { httpGet?: { path: string; port: string | number }; tcpSocket?: { port: string | number } };
export type PodSpec = { containers: Container[]; securityContext?: { runAsNonRoot?: boolean; runAsUser?: number } };

/** Every object of every manifest under deploy/kubernetes (the kustomization file aside). */
export function manifests(): Manifest[] {
  return listFiles(kubernetesDir, '.yaml')
    .filter((path) => !path.endsWith('kustomization.yaml'))
    .flatMap((path) => yamlDocuments(path).map((doc) => ({ ...(doc as object), file: relative(kubernetesDir, path) }) as Manifest));
}

export function kustomization(): { resources: string[]; configMapGenerator: { name: string; files: string[] }[]; images: { name: string }[] } {
  return yamlDocuments(join(kubernetesDir, 'kustomization.yaml'))[0] as never;
}

/**
 * Validates one object against the Kubernetes OpenAPI schema that kubernetes-models 5.1.0 ships
 * (one generated model per apiVersion/kind, checked with ajv). Unknown kinds fail. The schema
 * allows unknown fields, but the API server's strict field validation (kubectl's default) does
 * not: `unknownFields` finds them too.
 */
export async function validateManifest(manifest: Manifest): Promise<void> {
  const [group, version] = manifest.apiVersion.includes('/') ? manifest.apiVersion.split('/') : [null, manifest.apiVersion];
  const path = `kubernetes-models/${group ? `${group}/` : ''}${version}/${manifest.kind}`;
  const module = (await import(path)) as Record<string, new (data: unknown) => { validate(): void }>;
  const Model = module[manifest.kind];
  if (!Model) throw new Error(`${manifest.file}: no model for ${manifest.apiVersion} ${manifest.kind}`);
  const { file: _file, ...object } = manifest;
  new Model(object).validate();
  const unknown = await unknownFields(object, group ?? 'core', version!, manifest.kind);
  if (unknown.length > 0) throw new Error(`${manifest.file}: unknown fields ${unknown.join(', ')}`);
}

/**
 * Fields the schema does not define. The generated validator reads exactly the properties its
 * schema names (and every key of a map), so a field it never read is not in the schema: the
 * object is validated through proxies that record each read.
 */
export async function unknownFields(object: object, group: string, version: string, kind: string): Promise<string[]> {
  const schema = `kubernetes-models/_schemas/IoK8sApi${group[0]!.toUpperCase()}${group.slice(1)}${version[0]!.toUpperCase()}${version.slice(1)}${kind}`;
  const { validate } = (await import(schema)) as { validate: (data: unknown) => boolean };
  const reads = new Map<string, { value: object; keys: Set<string> }>();
  const track = (value: unknown, path: string): unknown => {
    if (!value || typeof value !== 'object') return value;
    const keys = new Set<string>();
    reads.set(path, { value, keys });
    return new Proxy(value, {
      get(target, key, receiver) {
        const child = Reflect.get(target, key, receiver);
        if (typeof key !== 'string') return child;
        keys.add(key);
        return track(child, `${path}/${key}`);
      },
    });
  };
  validate(track(object, ''));
  return [...reads].flatMap(([path, { value, keys }]) => (Array.isArray(value) ? [] : Object.keys(value).filter((k) => !keys.has(k)).map((k) => `${path}/${k}`)));
}

export function podSpec(manifest: Manifest): PodSpec | null {
  const spec = manifest.spec as { template?: { spec: PodSpec } } | undefined;
  return spec?.template?.spec ?? null;
}

export function find(all: readonly Manifest[], kind: string, name: string): Manifest {
  const found = all.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`No ${kind} ${name} in deploy/kubernetes`);
  return found;
}

export const kubernetesRoot = relative(repoRoot, kubernetesDir);
