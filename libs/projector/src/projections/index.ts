import { alertsProjection } from './alerts.projection.js';
import { attendanceProjection } from './attendance.projection.js';
import { consentsProjection } from './consents.projection.js';
import { groupsProjection } from './groups.projection.js';
import { measuresProjection } from './measures.projection.js';
import { membershipsProjection } from './memberships.projection.js';
import { milestonesProjection } from './milestones.projection.js';
import { participantsProjection } from './participants.projection.js';
import type { Projection } from './projection.js';
import { programsProjection } from './programs.projection.js';
import { sessionsProjection } from './sessions.projection.js';

export type { Projection, ProjectedRow } from './projection.js';
export {
  alertsProjection,
  attendanceProjection,
  consentsProjection,
  groupsProjection,
  measuresProjection,
  membershipsProjection,
  milestonesProjection,
  participantsProjection,
  programsProjection,
  sessionsProjection,
};

/** Every projection of the analytics schema, in no particular order (each handles its own types). */
export const allProjections: readonly Projection[] = [
  programsProjection,
  groupsProjection,
  membershipsProjection,
  sessionsProjection,
  attendanceProjection,
  participantsProjection,
  consentsProjection,
  measuresProjection,
  milestonesProjection,
  alertsProjection,
];
