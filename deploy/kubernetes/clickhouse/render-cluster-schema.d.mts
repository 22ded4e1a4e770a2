// Types of render-cluster-schema.mjs (an operator script, imported by test/deploy).
export declare const CLUSTER: string;
export declare const DATABASE: string;
export declare const REPLICATED_ENGINE: string;
export interface MigrationFile {
  readonly name: string;
  readonly number: number;
  readonly sql: string;
  readonly checksum: string;
}
export declare function statementsOf(sql: string): string[];
export declare function clusterStatements(statement: string): [string, string];
export declare function loadMigrationFiles(dir?: string): MigrationFile[];
export declare function renderClusterSchema(migrations?: readonly MigrationFile[]): string;
