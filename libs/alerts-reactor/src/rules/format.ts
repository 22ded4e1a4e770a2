/** Numbers in messages: at most 2 decimals, no trailing zeros. */
export function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
