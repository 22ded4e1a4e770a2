import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type AppName, generatedSecret, loaders, settingNames } from './support/config-keys.js';
import { kubernetesDir } from './support/deploy-files.js';
import { type Container, find, kustomization, type Manifest, manifests, podSpec, validateManifest } from './support/kubernetes.js';

const all = manifests();
const secret = find(all, 'Secret', 'group-outcomes-secrets') as Manifest & { stringData: Record<string, string> };
const apps: { deployment: string; app: AppName; configMap: string; port: string }[] = [
  { deployment: 'api', app: 'api', configMap: 'api-config', port: 'PORT' },
  { deployment: 'relay', app: 'relay', configMap: 'relay-config', port: 'HEALTH_PORT' },
  { deployment: 'projector', app: 'projector', configMap: 'projector-config', port: 'HEALTH_PORT' },
];
const containerOf = (name: string): Container => podSpec(find(all, 'Deployment', name))!.containers[0]!;
const configData = (name: string): Record<string, string> => (find(all, 'ConfigMap', name) as Manifest & { data: Record<string, string> }).data;

/** What the container's environment holds once scheduled: its ConfigMaps, then env (secrets generated). */
function environmentOf(container: Container): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) if (source.configMapRef) Object.assign(env, configData(source.configMapRef.name));
  for (const entry of container.env ?? []) {
    const ref = entry.valueFrom?.secretKeyRef;
    env[entry.name] = ref ? generatedSecret(ref.key) : (entry.value ?? '');
  }
  return env;
}

describe('deploy/kubernetes', () => {
  it.each(all.map((m) => [`${m.file}: ${m.kind} ${m.metadata.name}`, m] as const))('%s passes the Kubernetes schema', async (_label, manifest) => {
    await expect(validateManifest(manifest)).resolves.toBeUndefined();
  });

  it('schema check can fail: a probe without a port is rejected', async () => {
    const broken = structuredClone(find(all, 'Deployment', 'relay')) as Manifest & { spec: { template: { spec: { containers: { readinessProbe: unknown }[] } } } };
    broken.spec.template.spec.containers[0]!.readinessProbe = { httpGet: { path: '/health' } };
    await expect(validateManifest(broken)).rejects.toThrow(/port/);
  });

  it('schema check can fail: a misspelt field is rejected', async () => {
    const broken = structuredClone(find(all, 'Deployment', 'api')) as Manifest & { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
    broken.spec.template.spec.containers[0]!.readinesProbe = { httpGet: { path: '/health', port: 3000 } };
    await expect(validateManifest(broken)).rejects.toThrow('unknown fields /spec/template/spec/containers/0/readinesProbe');
  });

  it('kustomization lists every manifest but the secret example, and files that exist', () => {
    const k = kustomization();
    const files = [...new Set(all.map((m) => m.file))].filter((f) => f !== 'secret.example.yaml').sort();
    expect([...k.resources].sort()).toEqual(files);
    for (const generator of k.configMapGenerator) for (const file of generator.files) expect(existsSync(join(kubernetesDir, file))).toBe(true);
    const images = all.flatMap((m) => podSpec(m)?.containers ?? []).map((c) => c.image).filter((i) => i.startsWith('group-outcomes/'));
    expect(new Set(images)).toEqual(new Set(k.images.map((i) => i.name)));
  });

  it.each(apps)('$deployment: probes on /health at the port its config listens on', ({ deployment, configMap, port }) => {
    const container = containerOf(deployment);
    const listening = Number(configData(configMap)[port]);
    for (const probe of [container.readinessProbe, container.livenessProbe, container.startupProbe]) {
      expect(probe?.httpGet?.path).toBe('/health');
      const named = container.ports!.find((p) => p.name === probe!.httpGet!.port || p.containerPort === probe!.httpGet!.port);
      expect(named?.containerPort).toBe(listening);
    }
  });

  it.each(apps)('$deployment: sets only real settings, and they pass its production rules', ({ deployment, app }) => {
    const env = environmentOf(containerOf(deployment));
    const known = settingNames(app);
    expect(Object.keys(env).filter((key) => !known.has(key))).toEqual([]);
    expect(() => loaders[app](env)).not.toThrow();
  });

  it('agrees across processes on the settings they share (configuration.md)', () => {
    const [api, relay, projector] = apps.map((a) => environmentOf(containerOf(a.deployment)));
    for (const key of ['KAFKA_TOPIC', 'KAFKA_DEAD_LETTER_TOPIC', 'KAFKA_BROKERS']) expect([key, relay![key]]).toEqual([key, projector![key]]);
    for (const key of ['CLICKHOUSE_URL', 'CLICKHOUSE_USER', 'ANALYTICS_DATABASE']) expect([key, api![key]]).toEqual([key, projector![key]]);
    expect(api!.KURRENTDB_URL).toBe(relay!.KURRENTDB_URL);
  });

  it('runs the api in the production profile, secrets from the Secret', () => {
    const env = environmentOf(containerOf('api'));
    expect(env).toMatchObject({ APP_PROFILE: 'production', EVENT_STORE: 'kurrentdb', AUTH: 'oidc' });
    const fromSecret = (containerOf('api').env ?? []).filter((e) => e.valueFrom?.secretKeyRef).map((e) => e.name);
    expect(fromSecret).toEqual(expect.arrayContaining(['KEY_ENCRYPTION_KEY', 'CLICKHOUSE_PASSWORD', 'KURRENTDB_URL']));
    expect(Object.values(configData('api-config')).join(' ')).not.toMatch(/password|secret/i);
  });

  it('every secretKeyRef names a key of the Secret, and the example Secret holds no usable KEK', () => {
    const refs = all.flatMap((m) => podSpec(m)?.containers ?? []).flatMap((c) => c.env ?? []).flatMap((e) => (e.valueFrom?.secretKeyRef ? [e.valueFrom.secretKeyRef] : []));
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) {
      expect(ref.name).toBe('group-outcomes-secrets');
      expect(Object.keys(secret.stringData)).toContain(ref.key);
    }
    expect(() => loaders.api({ ...environmentOf(containerOf('api')), KEY_ENCRYPTION_KEY: secret.stringData.KEY_ENCRYPTION_KEY! })).toThrow(/KEY_ENCRYPTION_KEY/);
  });

  it('every workload runs non-root with resource requests and limits (restricted Pod Security)', () => {
    const workloads = all.filter((m) => podSpec(m));
    expect(workloads.map((w) => w.kind)).toEqual(expect.arrayContaining(['Deployment', 'StatefulSet', 'Job']));
    for (const workload of workloads) {
      const pod = podSpec(workload)!;
      expect({ name: workload.metadata.name, nonRoot: pod.securityContext?.runAsNonRoot === true && pod.securityContext.runAsUser !== 0 }).toEqual({ name: workload.metadata.name, nonRoot: true });
      for (const c of pod.containers) {
        expect({ c: c.name, requests: Object.keys(c.resources?.requests ?? {}).sort(), limits: Object.keys(c.resources?.limits ?? {}).sort() }).toEqual({ c: c.name, requests: ['cpu', 'memory'], limits: ['cpu', 'memory'] });
        expect({ c: c.name, escalation: c.securityContext?.allowPrivilegeEscalation, drop: c.securityContext?.capabilities?.drop }).toEqual({ c: c.name, escalation: false, drop: ['ALL'] });
      }
    }
  });

  it('runs one api and one relay (local key store, file checkpoint) and several projectors', () => {
    const replicas = (name: string) => (find(all, 'Deployment', name).spec as { replicas: number; strategy?: { type: string } });
    expect(replicas('api')).toMatchObject({ replicas: 1, strategy: { type: 'Recreate' } });
    expect(replicas('relay')).toMatchObject({ replicas: 1, strategy: { type: 'Recreate' } });
    expect(replicas('projector').replicas).toBeLessThanOrEqual(Number(configData('relay-config').KAFKA_PARTITIONS));
    expect(configData('projector-config').MIGRATE_ON_START).toBe('false');
  });
});
