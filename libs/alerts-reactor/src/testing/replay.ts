import type { RecordedEvent } from '#libs/events';
import { decideAlerts, markRaised } from '../decide.js';
import type { AlertDecision } from '../decision.js';
import { evolve } from '../evolve.js';
import { type AlertSettings, defaultAlertSettings } from '../settings.js';
import { initialReactorState, type ReactorState } from '../state.js';

/**
 * What the runner does, without I/O: fold each event, decide with its recordedAt as `now`,
 * mark what was decided. Ticks are `{ tick: Date }` entries between the events.
 */
export function replay(
  entries: readonly (RecordedEvent | { readonly tick: Date })[],
  settings: AlertSettings = defaultAlertSettings,
  state: ReactorState = initialReactorState(),
): { state: ReactorState; alerts: AlertDecision[] } {
  const alerts: AlertDecision[] = [];
  for (const entry of entries) {
    const decided =
      'tick' in entry
        ? decideAlerts(state, { type: 'Tick' }, settings, entry.tick)
        : decideAlerts(evolve(state, entry), entry, settings, new Date(entry.metadata.recordedAt));
    markRaised(state, decided);
    alerts.push(...decided);
  }
  return { state, alerts };
}
