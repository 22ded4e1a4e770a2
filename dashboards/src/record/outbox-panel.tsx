import { useState } from 'react';
import { invalidate } from '../api/useApi.js';
import { ApiError } from '../api/client.js';
import { discard, NotSent, type PendingWrite, retry, usePending } from './outbox.js';

/**
 * The unsent writes of this browser, shown on every recording screen: what, since when, why
 * not sent, and Retry / Discard. A kiosk shows only its own (scope `kiosk`).
 */
export function OutboxPanel({ scope, large = false }: { scope: PendingWrite['scope']; large?: boolean }) {
  const pending = usePending(scope);
  const [messages, setMessages] = useState<Record<string, string>>({});
  if (pending.length === 0) return null;
  const again = async (p: PendingWrite) => {
    setMessages((m) => ({ ...m, [p.key]: 'Sending…' }));
    try {
      await retry(p);
      invalidate('/');
    } catch (error) {
      const reason = error instanceof NotSent ? `Still not sent: ${error.cause.message}` : error instanceof ApiError ? `The api refused it: ${error.message}` : String(error);
      setMessages((m) => ({ ...m, [p.key]: reason }));
    }
  };
  return (
    <section className={`outbox${large ? ' kiosk-large' : ''}`} role="alert" aria-labelledby="outbox-title" data-panel="outbox">
      <h2 id="outbox-title">{pending.length === 1 ? 'One form is not saved yet' : `${pending.length} forms are not saved yet`}</h2>
      <p>They are kept on this device. Check the connection and retry; nothing is recorded twice.</p>
      <ul>
        {pending.map((p) => (
          <li key={p.key} data-pending={p.key}>
            <strong>{p.label}</strong> <span className="muted">(filled in {new Date(p.createdAt).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })})</span>{' '}
            <button type="button" onClick={() => again(p)}>Retry</button>{' '}
            {scope === 'staff' ? <button type="button" className="secondary" onClick={() => discard(p.key)}>Discard</button> : null}
            {messages[p.key] ? <span className="outbox-message" role="status"> {messages[p.key]}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
