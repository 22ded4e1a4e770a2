import { ExportForm } from '../exports/export-form.js';
import { ExportStatus } from '../exports/export-status.js';
import { useQueryState } from '../routing/url.js';

/**
 * Research exports (issue 9), for researchers and directors: request a de-identified dataset,
 * follow it, read its manifest, download its files. The export shown is in the URL
 * (`?export=<id>`), so a reload or a shared link comes back to it.
 */
export function ExportsView() {
  const [query, setQuery] = useQueryState();
  const exportId = query.get('export');
  return (
    <>
      <h1>Research exports</h1>
      <p className="lead muted">De-identified datasets of a program: surrogate ids, generalized dates and demographics, small cells suppressed.</p>
      <ExportForm onRequested={(id) => setQuery({ export: id })} />
      {exportId ? <ExportStatus key={exportId} exportId={exportId} /> : <p className="state state-empty">No export requested yet in this session.</p>}
    </>
  );
}
