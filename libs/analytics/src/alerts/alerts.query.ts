import { z } from 'zod';
import type { AnalyticsStore } from '#libs/analytics-store';
import { scopeParams, scopeShape } from '../cohesion/scope.js';

/** GET /alerts?status=open|acknowledged (API.md) in the caller's scope, plus narrowing filters. */
export const alertsParams = z.object({
  ...scopeShape,
  status: z.enum(['open', 'acknowledged']).optional(),
  programId: z.string().min(1).optional(),
  groupId: z.string().min(1).optional(),
  participantId: z.string().min(1).optional(),
  /** Newest first; the inbox pages no further than this. */
  limit: z.number().int().min(1).max(10_000).default(1000),
});
export type AlertsParams = z.input<typeof alertsParams>;

export interface AlertItem {
  readonly alertId: string;
  readonly type: string;
  readonly severity: 'high' | 'medium' | 'low';
  readonly participantId: string;
  readonly groupId: string | null;
  readonly programId: string;
  readonly measureId: string | null;
  /** ISO 8601 instant in UTC (`…Z`). */
  readonly raisedAt: string;
  readonly message: string;
  readonly status: 'open' | 'acknowledged';
  readonly acknowledgedAt: string | null;
}

/**
 * Params: org, allGroups, groupIds, status/programId/groupId/participantId ('' = any), limit.
 * An alert is open while no alert_acks row exists (libs/projector README). A therapist
 * (groupIds) sees alerts raised in their groups, and alerts without a group (e.g. a critical
 * item on a measure taken outside a session) about members of their groups.
 */
export const ALERTS_SQL = `
SELECT a.alert_id AS alertId, toString(a.alert_type) AS type, toString(a.severity) AS severity,
       a.participant_id AS participantId, a.group_id AS groupId, a.program_id AS programId, a.measure_id AS measureId,
       concat(replaceOne(toString(a.raised_at), ' ', 'T'), 'Z') AS raisedAt, a.message AS message,
       if(k.acked = 1, 'acknowledged', 'open') AS status,
       if(k.acked = 1, concat(replaceOne(toString(k.acknowledged_at), ' ', 'T'), 'Z'), NULL) AS acknowledgedAt
FROM (
  SELECT org, alert_id, alert_type, severity, participant_id, group_id, program_id, measure_id, raised_at, message
  FROM alerts FINAL
  WHERE org = {org:String}
    AND ({programId:String} = '' OR program_id = {programId:String})
    AND ({participantId:String} = '' OR participant_id = {participantId:String})
    AND ({groupId:String} = '' OR group_id = {groupId:String})
    AND ({allGroups:UInt8} = 1 OR group_id IN {groupIds:Array(String)}
         OR (group_id IS NULL AND participant_id IN (
           SELECT participant_id FROM memberships FINAL WHERE org = {org:String} AND group_id IN {groupIds:Array(String)})))
) AS a
LEFT JOIN (
  SELECT org, alert_id, acknowledged_at, toUInt8(1) AS acked FROM alert_acks FINAL WHERE org = {org:String}
) AS k USING (org, alert_id)
WHERE {status:String} = '' OR status = {status:String}
ORDER BY a.raised_at DESC, a.alert_id
LIMIT {limit:UInt32}`;

/** API.md's alert list. */
export interface Alerts {
  readonly items: AlertItem[];
}

export async function runAlerts(store: AnalyticsStore, input: AlertsParams): Promise<Alerts> {
  const params = alertsParams.parse(input);
  const items = await store.query<AlertItem>(ALERTS_SQL, {
    ...scopeParams(params),
    status: params.status ?? '',
    programId: params.programId ?? '',
    groupId: params.groupId ?? '',
    participantId: params.participantId ?? '',
    limit: params.limit,
  });
  return { items };
}
