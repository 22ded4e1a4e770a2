import { defineRoute } from '../openapi/routes.js';

/** The admin's handle on the analytics projections (issue 5 "Rebuild"). */
export const projectionsRoutes = {
  rebuild: defineRoute({
    method: 'post',
    path: '/admin/projections/rebuild',
    summary: 'Start a rebuild of every analytics table from the whole event log (202; the current tables answer meanwhile, then the rebuilt ones are swapped in)',
    tag: 'admin',
    status: 202,
  }),
  status: defineRoute({ method: 'get', path: '/admin/projections/rebuild', summary: 'State of the last projection rebuild', tag: 'admin', status: 200 }),
};
