import { AlertsInbox } from '../panels/alerts-inbox.js';

export function AlertsView() {
  return (
    <>
      <h1>Alerts inbox</h1>
      <AlertsInbox />
    </>
  );
}
