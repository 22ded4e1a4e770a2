import { usePrograms } from '../api/lookups.js';
import { ComparisonPanel } from '../panels/comparison.js';
import { DropoutCurve } from '../panels/dropout-curve.js';
import { FiltersBar } from '../panels/filters-bar.js';
import { ProgramKpis } from '../panels/program-kpis.js';
import { TrendsPanel } from '../panels/trends.js';
import { Empty, Loaded } from '../ui/states.js';

/** Director: program KPIs, dropout curve, trends, comparison by group and therapist. */
export function DirectorView() {
  return (
    <>
      <h1>Program overview</h1>
      <Loaded state={usePrograms()} what="programs">
        {({ items }) =>
          items.length === 0 ? (
            <Empty>No programs yet. Create one through the api (POST /api/v1/programs) or start with SEED_DEMO=true.</Empty>
          ) : (
            <>
              <FiltersBar show={['program', 'group', 'dates', 'instrument', 'bucket']} />
              <ProgramKpis />
              <div className="two-up">
                <DropoutCurve />
                <TrendsPanel />
              </div>
              <ComparisonPanel />
            </>
          )
        }
      </Loaded>
    </>
  );
}
