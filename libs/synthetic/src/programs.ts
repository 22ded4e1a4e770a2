import type { ProgramTemplate } from './requests.js';

/**
 * The two kinds of program the demo shows. Instruments and the Part 2 flag follow
 * OUTCOMES.md and PRIVACY.md (42 CFR Part 2 covers substance use disorder programs);
 * lengths and schedules are typical choices, not rules.
 */
export const PROGRAM_TEMPLATES: readonly ProgramTemplate[] = [
  {
    kind: 'depression-anxiety',
    name: 'Mood and Anxiety Skills Group',
    part2: false,
    timeZone: 'America/New_York',
    plannedWeeks: 8,
    schedule: [
      { instrument: 'PHQ-9', every: 'session' },
      { instrument: 'GAD-7', every: 'session' },
      { instrument: 'GSRS', every: 'session' },
      { instrument: 'GCQ-S', every: '4weeks' },
    ],
    groupNames: ['Harbor', 'Maple', 'Lighthouse', 'Riverside', 'Cedar', 'Summit'],
  },
  {
    kind: 'addiction-recovery',
    name: 'Recovery Pathways Program',
    part2: true,
    timeZone: 'America/Chicago',
    plannedWeeks: 12,
    schedule: [
      { instrument: 'CORE-10', every: 'session' },
      { instrument: 'BARC-10', every: '4weeks' },
      { instrument: 'GSRS', every: 'session' },
    ],
    groupNames: ['Foundations', 'New Leaf', 'Crossroads', 'Compass', 'Anchor', 'Horizon'],
  },
];

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** `Harbor (Tuesday evening)`: the weekday is the real one of the group's session dates. */
export function groupName(template: ProgramTemplate, index: number, startsOn: string, evening: boolean): string {
  const base = template.groupNames[index % template.groupNames.length]!;
  const round = Math.floor(index / template.groupNames.length);
  const weekday = WEEKDAYS[new Date(`${startsOn}T00:00:00Z`).getUTCDay()]!;
  return `${base}${round > 0 ? ` ${round + 1}` : ''} (${weekday} ${evening ? 'evening' : 'morning'})`;
}

/** Cycles through the templates; later rounds get a numbered name. */
export function programTemplate(index: number): ProgramTemplate {
  const template = PROGRAM_TEMPLATES[index % PROGRAM_TEMPLATES.length]!;
  const round = Math.floor(index / PROGRAM_TEMPLATES.length);
  return round === 0 ? template : { ...template, name: `${template.name} ${round + 1}` };
}
