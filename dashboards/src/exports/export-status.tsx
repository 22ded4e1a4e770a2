import { useEffect, useState } from 'react';
import { ApiError } from '../api/client.js';
import { ErrorState, Loading, Panel } from '../ui/states.js';
import { downloadExportFile, type ExportManifest, type ExportView, finished, readExport } from './export-api.js';

/** The api keeps no push channel for jobs: the page asks once a second until the export is done or failed. */
const POLL_MS = 1000;

function useExport(exportId: string): { view: ExportView | null; error: ApiError | null } {
  const [state, setState] = useState<{ id: string; view: ExportView | null; error: ApiError | null }>({ id: exportId, view: null, error: null });
  useEffect(() => {
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const view = await readExport(exportId);
        if (!current) return;
        setState({ id: exportId, view, error: null });
        if (!finished(view)) timer = setTimeout(poll, POLL_MS);
      } catch (error) {
        if (current) setState({ id: exportId, view: null, error: error instanceof ApiError ? error : new ApiError(0, 'Unexpected error', String(error)) });
      }
    };
    void poll();
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [exportId]);
  return state.id === exportId ? state : { view: null, error: null };
}

/** One export: progress while it is built, then its manifest and files. */
export function ExportStatus({ exportId }: { exportId: string }) {
  const { view, error } = useExport(exportId);
  let body;
  if (error) body = <ErrorState what="the export" error={error} />;
  else if (!view) body = <Loading what="the export" />;
  else if (view.status === 'failed') body = <div className="state state-error" role="alert" data-export-status="failed"><strong>The export failed.</strong> {view.reason ?? ''}</div>;
  else if (view.status !== 'done' || !view.manifest) {
    const percent = Math.round(view.progress * 100);
    body = (
      <div className="field" data-export-status={view.status}>
        <label htmlFor="export-progress">{view.status === 'queued' ? 'Waiting for its turn…' : 'Building the dataset…'} {percent} %</label>
        <progress id="export-progress" max={100} value={percent} aria-valuetext={`${percent} percent`}>{percent} %</progress>
      </div>
    );
  } else body = <Manifest exportId={exportId} manifest={view.manifest} />;
  return (
    <Panel title="Export" id="export-status">
      <p className="muted">Export <code>{exportId}</code></p>
      <div aria-live="polite">{body}</div>
    </Panel>
  );
}

function Manifest({ exportId, manifest }: { exportId: string; manifest: ExportManifest }) {
  const facts: [string, string, string | number][] = [
    ['participants', 'Participants', manifest.participants],
    ['k', 'Minimum cell size k', manifest.k],
    ['rows-suppressed', 'Rows suppressed', manifest.rowsSuppressed],
    ['rows-generalized', 'Rows generalized', manifest.rowsGeneralized],
    ['cells-suppressed', 'Cells suppressed', manifest.cellsSuppressed],
    ['policy-version', 'De-identification policy', manifest.policyVersion],
  ];
  return (
    <div data-export-status="done">
      {manifest.notice ? (
        <div className="state state-error" role="note" data-notice aria-label="Redisclosure notice (42 CFR Part 2)">
          <strong>42 CFR Part 2 notice:</strong> {manifest.notice}
        </div>
      ) : null}
      <table className="data" data-table="export-summary">
        <caption>Manifest</caption>
        <tbody>
          {facts.map(([key, label, value]) => (
            <tr key={key} data-value={key}>
              <th scope="row">{label}</th>
              <td>{value}</td>
            </tr>
          ))}
          {manifest.generalization ? (
            <tr data-value="generalization">
              <th scope="row">Generalization</th>
              <td>age {manifest.generalization.age}, cohort {manifest.generalization.cohort}, gender {manifest.generalization.gender}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <FilesTable exportId={exportId} files={manifest.files} />
      {manifest.erasures?.length ? (
        <div className="state state-error" role="alert" data-erasures>
          <strong>Participants erased since this export:</strong> delete the rows of surrogate {manifest.erasures.map((e) => e.surrogateId).join(', ')} from your copies.
        </div>
      ) : null}
    </div>
  );
}

function FilesTable({ exportId, files }: { exportId: string; files: ExportManifest['files'] }) {
  const [failure, setFailure] = useState<string | null>(null);
  const download = (name: string) => {
    setFailure(null);
    downloadExportFile(exportId, name).catch((error: unknown) => setFailure(`${name} could not be downloaded: ${error instanceof Error ? error.message : String(error)}`));
  };
  return (
    <>
      <table className="data" data-table="export-files">
        <caption>Files</caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Rows</th>
            <th scope="col">SHA-256</th>
            <th scope="col"><span className="visually-hidden">Download</span></th>
          </tr>
        </thead>
        <tbody>
          {files.map((file) => (
            <tr key={file.name} data-file={file.name}>
              <th scope="row" data-cell="name">{file.name}</th>
              <td data-cell="rows">{file.rows}</td>
              <td data-cell="sha256"><code>{file.sha256}</code></td>
              <td>
                <button type="button" className="secondary" onClick={() => download(file.name)} aria-label={`Download ${file.name}`}>Download</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <button type="button" className="secondary" onClick={() => download('manifest.json')}>Download manifest.json</button>
      </p>
      {failure ? <p className="state state-error" role="alert">{failure}</p> : null}
    </>
  );
}
