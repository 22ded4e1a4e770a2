import { API_BASE, ApiError, apiRequest } from '../api/client.js';
import { loadSession } from '../auth/session.js';

/** The research export endpoints (apps/api/src/exports/README.md), as the Exports page uses them. */
export interface ExportRequest {
  programId: string;
  from?: string;
  to?: string;
  instruments?: string[];
  k?: number;
}

export interface ExportManifest {
  files: { name: string; rows: number; sha256: string }[];
  participants: number;
  policyVersion: string;
  k: number;
  rowsSuppressed: number;
  rowsGeneralized: number;
  cellsSuppressed: number;
  notice?: string;
  generalization?: { age: string; cohort: string; gender: string };
  /** Surrogates erased since the export was made: recipients must delete their rows. */
  erasures?: { surrogateId: string; erasedAt: string }[];
}

export interface ExportView {
  exportId: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  manifest?: ExportManifest;
  reason?: string;
}

export const requestExport = (request: ExportRequest) => apiRequest<{ exportId: string }>('POST', '/exports', request);

export const readExport = (exportId: string) => apiRequest<ExportView>('GET', `/exports/${encodeURIComponent(exportId)}`);

export const finished = (view: ExportView | null) => view?.status === 'done' || view?.status === 'failed';

/**
 * One file of a finished export saved to the user's disk. A plain link cannot carry the
 * bearer token the api requires, so the file is fetched with it and handed over as a blob.
 */
export async function downloadExportFile(exportId: string, name: string): Promise<void> {
  const session = loadSession();
  const headers: Record<string, string> = session ? { authorization: `Bearer ${session.token}`, 'x-purpose': session.role === 'researcher' ? 'research' : 'treatment' } : {};
  const response = await fetch(`${API_BASE}/exports/${encodeURIComponent(exportId)}/files/${encodeURIComponent(name)}`, { headers });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { title?: string; detail?: string; code?: string };
    throw new ApiError(response.status, problem.title ?? response.statusText, problem.detail ?? '', problem.code);
  }
  const url = URL.createObjectURL(await response.blob());
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The click has started the download; the blob is no longer needed once it is handed over.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
