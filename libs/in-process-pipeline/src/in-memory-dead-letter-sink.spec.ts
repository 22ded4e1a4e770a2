import { describe, expect, it } from '@jest/globals';
import { InMemoryDeadLetterSink } from './in-memory-dead-letter-sink.js';

describe('InMemoryDeadLetterSink', () => {
  it('counts, keeps and logs letters without their content', async () => {
    const lines: string[] = [];
    const sink = new InMemoryDeadLetterSink({ log: (line) => lines.push(line), capacity: 2 });
    await sink.send({ reason: 'value is not JSON', raw: 'participant said something private', key: 'group-1' });
    await sink.send({ reason: 'r2' });
    await sink.send({ reason: 'r3' });
    expect(sink.count()).toBe(3);
    expect(sink.letters().map((l) => l.reason)).toEqual(['r2', 'r3']);
    expect(lines[0]).toBe('dead letter #1 [key group-1]: value is not JSON');
    expect(lines.join('\n')).not.toContain('private');
  });
});
