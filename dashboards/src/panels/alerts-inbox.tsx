import { useState } from 'react';
import { apiRequest, ApiError } from '../api/client.js';
import { useGroupNames, useParticipantNames } from '../api/lookups.js';
import type { Alert, Page } from '../api/types.js';
import { invalidate, useApi } from '../api/useApi.js';
import { href, useQueryState } from '../routing/url.js';
import { humanize } from '../ui/format.js';
import { Link } from '../ui/link.js';
import { Empty, Loaded, Panel } from '../ui/states.js';

/** Alerts per page; "Show more" asks for another page's worth (an organization can have tens of thousands). */
const PAGE = 100;

const instant = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** Alerts in the caller's scope, open or acknowledged, with acknowledge (GET /alerts, POST /alerts/{id}/acknowledge). */
export function AlertsInbox() {
  const [query, setQuery] = useQueryState();
  const status = query.get('status') === 'acknowledged' ? 'acknowledged' : 'open';
  const participant = query.get('participant');
  const [shown, setShown] = useState({ key: '', limit: PAGE });
  const key = `${status}/${participant ?? ''}`;
  const limit = shown.key === key ? shown.limit : PAGE;
  const state = useApi<Page<Alert>>(`/alerts?status=${status}&limit=${limit}${participant ? `&participantId=${encodeURIComponent(participant)}` : ''}`);
  const name = useParticipantNames([participant, ...(state.data?.items ?? []).map((a) => a.participantId)]);
  const groupName = useGroupNames();
  return (
    <Panel title="Alerts" id="alerts">
      <div className="tabs" role="group" aria-label="Alert status">
        {(['open', 'acknowledged'] as const).map((s) => (
          <button key={s} type="button" aria-pressed={status === s} className={status === s ? 'tab active' : 'tab'} onClick={() => setQuery({ status: s === 'open' ? null : s })}>
            {s === 'open' ? 'Open' : 'Acknowledged'}
          </button>
        ))}
        {participant ? <button type="button" className="secondary" onClick={() => setQuery({ participant: null })}>Show everyone (now: {name(participant)})</button> : null}
      </div>
      <Loaded state={state} what="alerts">
        {({ items, total }) => {
          if (items.length === 0) return <Empty>{status === 'open' ? 'No open alerts. Nothing needs review.' : 'No acknowledged alerts yet.'}</Empty>;
          const all = total ?? items.length;
          return (
            <>
              <table className="data" data-table="alerts">
                <thead><tr><th scope="col">Raised</th><th scope="col">Severity</th><th scope="col">Type</th><th scope="col">Participant</th><th scope="col">Group</th><th scope="col">Message</th>{status === 'open' ? <th scope="col"><span className="visually-hidden">Action</span></th> : null}</tr></thead>
                <tbody>
                  {items.map((a) => (
                    <tr key={a.alertId} data-alert={a.alertId} className={`severity-${a.severity}`}>
                      <td>{instant(a.raisedAt)}</td>
                      <td><span className={`badge badge-${a.severity}`}>{a.severity}</span></td>
                      <td>{humanize(a.type)}</td>
                      <td><Link to={href(`/participants/${a.participantId}`, null)}>{name(a.participantId)}</Link></td>
                      <td>{groupName(a.groupId)}</td>
                      <td>{a.message}</td>
                      {status === 'open' ? <td><AcknowledgeButton alert={a} who={name(a.participantId)} /></td> : null}
                    </tr>
                  ))}
                </tbody>
              </table>
              {all > items.length ? (
                <p className="muted" data-value="alerts-shown">
                  Showing the newest {items.length} of {all}.{' '}
                  <button type="button" className="secondary" onClick={() => setShown({ key, limit: limit + PAGE })}>Show {Math.min(PAGE, all - items.length)} more</button>
                </p>
              ) : null}
            </>
          );
        }}
      </Loaded>
    </Panel>
  );
}

function AcknowledgeButton({ alert, who }: { alert: Alert; who: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function acknowledge() {
    setBusy(true);
    setError(null);
    try {
      await apiRequest('POST', `/alerts/${alert.alertId}/acknowledge`, {});
      invalidate('/alerts');
      invalidate(`/participants/${alert.participantId}`);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
      setBusy(false);
    }
  }
  return (
    <>
      <button type="button" onClick={acknowledge} disabled={busy} aria-label={`Acknowledge ${humanize(alert.type).toLowerCase()} alert for ${who}`}>
        {busy ? 'Acknowledging…' : 'Acknowledge'}
      </button>
      {error ? <span role="alert" className="error-text">{error}</span> : null}
    </>
  );
}
