import type { ClickHouseSettings } from '@clickhouse/client';

/**
 * Settings sent with every statement, in both modes, so chDB and a ClickHouse server answer
 * alike whatever their own defaults are (ARCHITECTURE.md principle 6: UTC everywhere).
 */
export const sessionSettings: ClickHouseSettings = {
  // Instants are computed and rendered in UTC whatever the host's zone.
  // https://clickhouse.com/docs/operations/settings/settings#session_timezone
  session_timezone: 'UTC',
  // Events carry ISO 8601 instants with `Z` or an offset; the basic parser rejects offsets.
  // https://clickhouse.com/docs/operations/settings/formats#date_time_input_format
  date_time_input_format: 'best_effort',
  // UInt64/Int64 as JSON strings (the server's default; chDB's differs): no precision loss
  // for event positions above 2^53.
  // https://clickhouse.com/docs/operations/settings/formats#output_format_json_quote_64bit_integers
  output_format_json_quote_64bit_integers: 1,
};

/**
 * `sessionSettings` as SET statements, for a connection that is one session (chDB): set once
 * when it opens, they hold for every later statement, instead of being sent with each one.
 * Values are our constants above (numbers or plain words), never input.
 */
export function sessionSettingStatements(settings: ClickHouseSettings = sessionSettings): string[] {
  return Object.entries(settings).map(([name, value]) => `SET ${assertIdentifier(name, 'setting')} = ${typeof value === 'number' ? value : `'${String(value).replace(/'/g, "''")}'`}`);
}

/** ClickHouse identifiers we interpolate into DDL (database names) must match this. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export function assertIdentifier(name: string, what: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`${what} "${name}" is not a plain identifier [A-Za-z_][A-Za-z0-9_]*`);
  return name;
}
