import type { Cell, Table } from './table.js';

function field(value: Cell): string {
  if (value === null) return '';
  const text = typeof value === 'string' ? value : String(value);
  return /[",\r\n]/.test(text) || (typeof value === 'string' && text.startsWith('#')) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * RFC 4180 CSV (https://www.rfc-editor.org/rfc/rfc4180), `\n` line ends, a header row, empty =
 * null. With a notice (Part 2 programs) the file starts with one `# ` comment line carrying it
 * (pandas `comment='#'`, R `comment.char='#'`); no value ever starts a line with `#` unquoted.
 */
export function toCsv(table: Table, notice: string | null): Buffer {
  const lines = [table.columns.map((c) => field(c.name)).join(','), ...table.rows.map((row) => row.map(field).join(','))];
  return Buffer.from(`${notice ? `# ${notice}\n` : ''}${lines.join('\n')}\n`, 'utf8');
}

/** Parses what toCsv writes (and any RFC 4180 file): leading `#` comment lines are skipped. */
export function parseCsv(bytes: Buffer | string): { header: string[]; rows: string[][]; comments: string[] } {
  const text = typeof bytes === 'string' ? bytes : bytes.toString('utf8');
  const records: string[][] = [];
  const comments: string[] = [];
  let record: string[] = [];
  let value = '';
  let quoted = false;
  let i = 0;
  while (i < text.length && records.length === 0 && record.length === 0 && value === '' && text[i] === '#') {
    const end = text.indexOf('\n', i);
    comments.push(text.slice(i, end < 0 ? text.length : end));
    i = end < 0 ? text.length : end + 1;
  }
  const endValue = () => {
    record.push(value);
    value = '';
  };
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        value += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else value += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endValue();
    else if (ch === '\n') {
      endValue();
      records.push(record);
      record = [];
    } else if (ch !== '\r') value += ch;
  }
  if (value !== '' || record.length > 0) {
    endValue();
    records.push(record);
  }
  return { header: records[0] ?? [], rows: records.slice(1), comments };
}
