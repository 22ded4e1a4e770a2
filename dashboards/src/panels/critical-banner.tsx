import { useParticipantNames } from '../api/lookups.js';
import type { Alert, List, Page } from '../api/types.js';
import { useApi } from '../api/useApi.js';
import { href } from '../routing/url.js';
import { Link } from '../ui/link.js';

const CRITICAL = 'critical_item';
/** Alerts fetched for the names: the count comes from `total` (every open critical alert of a big organization was 13.7 MB at 10 M events, on every page). */
const FETCHED = 100;

/**
 * The critical-item banner on every view (OUTCOMES.md "Alerts": a critical item notifies at
 * once; in embedded mode through a dashboard banner). It shows the open critical-item alerts
 * of GET /alerts (the record, so an acknowledged alert leaves the banner); where that list is
 * not served, the notices of GET /alerts/banner.
 */
export function CriticalBanner() {
  const open = useApi<Page<Alert>>(`/alerts?status=open&type=${CRITICAL}&limit=${FETCHED}`);
  const fallback = useApi<List<Alert>>(open.status === 'error' && open.error.status === 404 ? '/alerts/banner' : null);
  const source = open.status === 'ready' ? open.data.items : fallback.status === 'ready' ? (fallback.data.items ?? []) : [];
  const critical = source.filter((a) => a.type === CRITICAL && (a.status === undefined || a.status === 'open'));
  const count = open.status === 'ready' ? (open.data.total ?? critical.length) : critical.length;
  const people = [...new Set(critical.map((a) => a.participantId))];
  // Only the first five are named; the rest are counted when every alert was fetched.
  const name = useParticipantNames(people.slice(0, 5));
  const others = count > critical.length ? ' and others' : people.length > 5 ? ` and ${people.length - 5} more` : '';
  if (count === 0) return null;
  return (
    <div className="banner" role="alert" data-banner="critical">
      <strong>
        {count} critical-item alert{count === 1 ? '' : 's'} need{count === 1 ? 's' : ''} review today:
      </strong>{' '}
      {people.slice(0, 5).map(name).join(', ')}
      {others}.{' '}
      <Link to={href('/alerts', null)}>Review alerts</Link>
    </div>
  );
}
