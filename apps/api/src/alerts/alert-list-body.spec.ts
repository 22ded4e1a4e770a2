import { describe, expect, it } from '@jest/globals';
import type { Readable } from 'node:stream';
import type { AlertEntry } from './alert-book.js';
import { alertItem, AlertItemBytes, alertListBody } from './alert-list-body.js';

const entry = (i: number): AlertEntry => ({
  org: 'org-a',
  alertId: `alert-${i}`,
  type: i % 2 === 0 ? 'critical_item' : 'reliable_deterioration',
  severity: 'high',
  participantId: `p-${i}`,
  programId: 'program-1',
  groupId: i % 3 === 0 ? null : `g-${i}`,
  measureId: i % 5 === 0 ? null : `m-${i}`,
  raisedAt: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00.000Z`,
  message: i % 4 === 0 ? 'PHQ-9 item 9 — review risk today (Prüfung “heute”).' : 'Missed 3 sessions in a row.',
  status: 'open',
  acknowledgedAt: null,
});

async function read(body: ReturnType<typeof alertListBody>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body.getStream() as Readable) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('alertListBody', () => {
  it.each([0, 1, 2, 500])('is JSON.stringify of { items, total } for %i items, with its byte length', async (count) => {
    const entries = Array.from({ length: count }, (_, i) => entry(i));
    const bytes = new AlertItemBytes();
    const body = alertListBody(entries.map((e) => bytes.of(e)), count + 3);
    const sent = await read(body);
    expect(sent.toString('utf8')).toBe(JSON.stringify({ items: entries.map(alertItem), total: count + 3 }));
    expect(body.getHeaders().length).toBe(sent.length);
    expect(body.getHeaders().type).toBe('application/json; charset=utf-8');
  });
});

describe('AlertItemBytes', () => {
  it('keeps an item between requests and encodes it again once acknowledged', () => {
    const bytes = new AlertItemBytes();
    const alert = entry(4);
    const first = bytes.of(alert);
    expect(bytes.of(alert)).toBe(first);
    Object.assign(alert, { status: 'acknowledged', acknowledgedAt: '2026-11-26T09:00:00.000Z' });
    const acknowledged = bytes.of(alert);
    expect(acknowledged).not.toBe(first);
    expect(JSON.parse(acknowledged.toString('utf8'))).toEqual({ ...alertItem(alert), status: 'acknowledged', acknowledgedAt: '2026-11-26T09:00:00.000Z' });
    expect(Object.keys(JSON.parse(acknowledged.toString('utf8')))).toEqual(['alertId', 'type', 'severity', 'participantId', 'groupId', 'measureId', 'raisedAt', 'message', 'status', 'acknowledgedAt']);
  });
});
