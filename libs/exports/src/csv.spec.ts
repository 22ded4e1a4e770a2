import { describe, expect, it } from '@jest/globals';
import { parseCsv, toCsv } from './csv.js';
import { col, type Table } from './table.js';

describe('CSV', () => {
  const table: Table = {
    name: 't',
    kind: 'microdata',
    description: '',
    columns: [col('a', 'string', ''), col('b', 'float64', '', true), col('c', 'boolean', '', true)],
    rows: [['plain', 1.5, true], ['with, comma "and" quote', null, false], ['#hash', -3, null]],
  };

  it('writes RFC 4180 with a header, empty nulls and \\n line ends, and reads it back', () => {
    const bytes = toCsv(table, null);
    expect(bytes.toString()).toBe('a,b,c\nplain,1.5,true\n"with, comma ""and"" quote",,false\n"#hash",-3,\n');
    expect(parseCsv(bytes)).toEqual({ header: ['a', 'b', 'c'], rows: [['plain', '1.5', 'true'], ['with, comma "and" quote', '', 'false'], ['#hash', '-3', '']], comments: [] });
  });

  it('puts a notice on one leading comment line that the reader skips', () => {
    const parsed = parseCsv(toCsv(table, 'Notice text.'));
    expect(parsed.comments).toEqual(['# Notice text.']);
    expect(parsed.header).toEqual(['a', 'b', 'c']);
    expect(parsed.rows).toHaveLength(3);
  });
});
