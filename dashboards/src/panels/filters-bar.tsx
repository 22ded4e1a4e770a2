import { totalScored, useGroups, useInstruments, usePrograms } from '../api/lookups.js';
import { useQueryState } from '../routing/url.js';

/**
 * Program, group, dates and instrument, kept in the URL. Only the filters a view uses are
 * shown (`show`). The program defaults to the first one the caller may see.
 */
export function FiltersBar({ show }: { show: ('program' | 'group' | 'dates' | 'instrument' | 'bucket')[] }) {
  const [query, setQuery] = useQueryState();
  const programs = usePrograms().data?.items ?? [];
  const groups = useGroups().data?.items ?? [];
  const instruments = (useInstruments().data?.items ?? []).filter(totalScored);
  const programId = query.get('program') ?? programs[0]?.programId ?? '';
  const groupsOfProgram = groups.filter((g) => !programId || g.programId === programId);
  const has = (name: (typeof show)[number]) => show.includes(name);
  // Only the filters this bar shows are cleared (the therapist view's group is a choice, not a filter).
  const clearable = [...(has('dates') ? ['from', 'to'] : []), ...(has('group') ? ['group'] : [])];

  return (
    <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      {has('program') ? (
        <div className="field">
          <label htmlFor="filter-program">Program</label>
          <select id="filter-program" value={programId} onChange={(e) => setQuery({ program: e.target.value, group: null })}>
            {programs.map((p) => (
              <option key={p.programId} value={p.programId}>{p.name}</option>
            ))}
          </select>
        </div>
      ) : null}
      {has('group') ? (
        <div className="field">
          <label htmlFor="filter-group">Group</label>
          <select id="filter-group" value={query.get('group') ?? ''} onChange={(e) => setQuery({ group: e.target.value })}>
            <option value="">All groups</option>
            {groupsOfProgram.map((g) => (
              <option key={g.groupId} value={g.groupId}>{g.name}</option>
            ))}
          </select>
        </div>
      ) : null}
      {has('dates') ? (
        <>
          <div className="field">
            <label htmlFor="filter-from">From</label>
            <input id="filter-from" type="date" value={query.get('from') ?? ''} onChange={(e) => setQuery({ from: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="filter-to">To</label>
            <input id="filter-to" type="date" value={query.get('to') ?? ''} onChange={(e) => setQuery({ to: e.target.value })} />
          </div>
        </>
      ) : null}
      {has('instrument') ? (
        <div className="field">
          <label htmlFor="filter-instrument">Instrument</label>
          <select id="filter-instrument" value={query.get('instrument') ?? 'PHQ-9'} onChange={(e) => setQuery({ instrument: e.target.value })}>
            {(instruments.length ? instruments.map((i) => i.id) : ['PHQ-9']).map((id) => (
              <option key={id} value={id}>{id}</option>
            ))}
          </select>
        </div>
      ) : null}
      {has('bucket') ? (
        <div className="field">
          <label htmlFor="filter-bucket">Trend by</label>
          <select id="filter-bucket" value={query.get('bucket') ?? 'month'} onChange={(e) => setQuery({ bucket: e.target.value })}>
            <option value="week">Week</option>
            <option value="month">Month</option>
          </select>
        </div>
      ) : null}
      {clearable.some((name) => query.get(name)) ? (
        <button type="button" className="secondary" onClick={() => setQuery(Object.fromEntries(clearable.map((name) => [name, null])))}>
          Clear filters
        </button>
      ) : null}
    </form>
  );
}

/** The filters as the api's query string for outcome, retention and cohesion reads. */
export function useFilters() {
  const [query] = useQueryState();
  const programs = usePrograms().data?.items;
  return {
    programId: query.get('program') ?? programs?.[0]?.programId ?? null,
    groupId: query.get('group'),
    from: query.get('from'),
    to: query.get('to'),
    instrument: query.get('instrument') ?? 'PHQ-9',
    bucket: query.get('bucket') ?? 'month',
    programsLoaded: programs !== undefined,
  };
}

export function queryString(params: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) search.set(name, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}
