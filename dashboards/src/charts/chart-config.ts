/**
 * One config mapping every chart series to its label and colour (the pattern of shadcn's
 * chart component over recharts, https://ui.shadcn.com/docs/components/chart). Colours are
 * the Okabe–Ito palette (distinguishable with the common colour-vision deficiencies,
 * https://jfly.uni-koeln.de/color/) darkened where needed for 3:1 contrast on white
 * (WCAG 2.2 SC 1.4.11, https://www.w3.org/TR/WCAG22/#non-text-contrast).
 */
export interface SeriesStyle {
  readonly label: string;
  readonly color: string;
}

export const chartConfig = {
  present: { label: 'Present', color: '#007a5a' },
  late: { label: 'Late', color: '#56b4e9' },
  absent: { label: 'Absent', color: '#c2410c' },
  excused: { label: 'Excused', color: '#8a8a8a' },
  unrecorded: { label: 'Not recorded', color: '#d4d4d4' },
  attendanceRate: { label: 'Attendance rate', color: '#1d4ed8' },
  gsrs: { label: 'GSRS mean (alliance)', color: '#7c3aed' },
  engagement: { label: 'GCQ-S engagement', color: '#007a5a' },
  avoidance: { label: 'GCQ-S avoidance', color: '#b45309' },
  conflict: { label: 'GCQ-S conflict', color: '#c2410c' },
  survival: { label: 'Still attending (Kaplan–Meier)', color: '#1d4ed8' },
  survivalCi: { label: '95 % confidence band', color: '#93c5fd' },
  mean: { label: 'Mean score', color: '#1d4ed8' },
  n: { label: 'Measures', color: '#a3a3a3' },
  milestones: { label: 'Milestones', color: '#007a5a' },
  reliableImprovement: { label: 'Reliable improvement', color: '#007a5a' },
  recovery: { label: 'Recovery', color: '#1d4ed8' },
  reliableRecovery: { label: 'Reliable recovery', color: '#7c3aed' },
  reliableDeterioration: { label: 'Reliable deterioration', color: '#c2410c' },
  score: { label: 'Score', color: '#1d4ed8' },
  caseness: { label: 'Caseness cutoff', color: '#c2410c' },
  reliableBand: { label: 'No reliable change from baseline', color: '#e5e7eb' },
  milestone: { label: 'Milestone', color: '#007a5a' },
} as const satisfies Record<string, SeriesStyle>;

export type SeriesKey = keyof typeof chartConfig;

export const attendanceColors: Record<string, string> = {
  present: chartConfig.present.color,
  late: chartConfig.late.color,
  absent: chartConfig.absent.color,
  excused: chartConfig.excused.color,
};

export function seriesLabel(key: string): string {
  return (chartConfig as Record<string, SeriesStyle>)[key]?.label ?? key;
}
