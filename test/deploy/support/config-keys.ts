import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { loadConfig } from '../../../apps/api/src/config/app-config.js';
import { loadMigrateConfig, loadProjectorConfig } from '../../../apps/projector/src/config/projector-config.js';
import { loadRelayConfig } from '../../../apps/relay/src/config/relay-config.js';
import { repoRoot } from './deploy-files.js';

export type AppName = 'api' | 'relay' | 'projector' | 'migrate';

const configFiles: Record<AppName, string> = {
  api: 'apps/api/src/config/app-config.ts',
  relay: 'apps/relay/src/config/relay-config.ts',
  projector: 'apps/projector/src/config/projector-config.ts',
  migrate: 'apps/projector/src/config/projector-config.ts',
};

/** Each app's own validation, production rules included: throws with the settings named. */
export const loaders: Record<AppName, (env: Record<string, string>) => unknown> = {
  api: loadConfig,
  relay: loadRelayConfig,
  projector: loadProjectorConfig,
  migrate: loadMigrateConfig,
};

/**
 * The setting names of an app: the property names of the object literal given to `z.object`
 * in its config module, read with the TypeScript parser (the schema itself is module-private).
 */
export function settingNames(app: AppName): Set<string> {
  const path = join(repoRoot, configFiles[app]);
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2023, true);
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    const callee = ts.isCallExpression(node) ? node.expression : null;
    if (callee && ts.isPropertyAccessExpression(callee) && callee.name.text === 'object' && callee.expression.getText(source) === 'z') {
      node = node as ts.CallExpression;
      const shape = (node as ts.CallExpression).arguments[0];
      if (shape && ts.isObjectLiteralExpression(shape)) {
        for (const property of shape.properties) if (property.name && ts.isIdentifier(property.name)) names.add(property.name.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (names.size === 0) throw new Error(`No z.object({...}) schema found in ${configFiles[app]}`);
  return names;
}

/** A value of the right shape for a secret placeholder: what an operator would generate. */
export function generatedSecret(name: string): string {
  if (name === 'KEY_ENCRYPTION_KEY') return Buffer.alloc(32, 7).toString('base64');
  if (name === 'KURRENTDB_URL') return 'kurrentdb+discover://group-outcomes:generated@kurrentdb.example.internal:2113?tls=true';
  if (name.startsWith('OIDC_')) return name === 'OIDC_AUDIENCE' ? 'group-outcomes' : 'https://idp.example.org/realms/clinic';
  return `generated-${name.toLowerCase()}`;
}
