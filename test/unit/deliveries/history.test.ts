import { describe, expect, it } from 'vitest';
import { filterRecords, parseDuration } from '../../../src/deliveries/history.js';
import { codeartsTime, fromCodeartsLog } from '../../../src/providers/codearts/delivery-logs.js';
import { fromCodeupLastTestResult } from '../../../src/providers/codeup/delivery.js';

describe('delivery history mapping', () => {
  it('a CodeArts log: status text, seconds → ms, ok only for 2xx', () => {
    expect(
      fromCodeartsLog({
        id: 40001,
        response_status: '200',
        execution_duration: 0.25,
        trigger: 'push',
        uuid: 'u',
        created_at: '2026-01-02T08:00:00.000+08:00',
        repository: { id: 1, namespace: 'g/app' },
      }),
    ).toEqual({
      id: '40001',
      time: '2026-01-02T08:00:00.000+08:00',
      status: '200',
      ok: true,
      durationMs: 250,
      trigger: 'push',
      url: undefined,
      uuid: 'u',
      repository: 'g/app',
    });
    expect(fromCodeartsLog({ response_status: 'internal error' })).toMatchObject({ status: 'internal error', ok: false });
    // No status at all is an unknown outcome, not a failure (an audit must not invent a finding).
    expect(fromCodeartsLog({})).toMatchObject({ status: 'unknown', ok: undefined });
    expect(fromCodeartsLog({ response_status: { nested: true } })).toMatchObject({ status: 'unknown', ok: undefined });
  });
  it('Codeup LastTestResult: ok, error, or nothing yet', () => {
    expect(fromCodeupLastTestResult('ok')).toEqual([{ status: 'ok', ok: true }]);
    expect(fromCodeupLastTestResult('error')).toEqual([{ status: 'error', ok: false }]);
    expect(fromCodeupLastTestResult('')).toEqual([]);
  });
  it('--failed and --since filter; a record without a time is kept by --since', () => {
    const records = [
      { status: '200', ok: true, time: '2026-01-02T10:00:00Z' },
      { status: '500', ok: false, time: '2026-01-01T10:00:00Z' },
      { status: 'error', ok: false },
    ];
    expect(filterRecords(records, { failed: true }).map((r) => r.status)).toEqual(['500', 'error']);
    expect(filterRecords(records, { since: new Date('2026-01-02T00:00:00Z') }).map((r) => r.status)).toEqual(['200', 'error']);
  });
  it('durations and the CodeArts time format', () => {
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('7d')).toBe(604_800_000);
    expect(parseDuration('1w')).toBeUndefined();
    expect(codeartsTime(new Date('2026-01-02T03:04:05.678Z'))).toBe('2026-01-02T03:04:05Z');
  });
});

describe('listCodeartsLogs', () => {
  it('pages with offset/limit 100, sends created_after as UTC seconds, filters --failed client-side', async () => {
    const { listCodeartsLogs } = await import('../../../src/providers/codearts/delivery-logs.js');
    const calls: { path: string; query: Record<string, string | number> }[] = [];
    const logs = Array.from({ length: 130 }, (_, i) => ({
      id: 40001 + i,
      response_status: i % 2 ? '500' : '200',
      created_at: '2026-01-02T08:00:00.000+08:00',
    }));
    const page = async (path: string, query: Record<string, string | number>) => {
      calls.push({ path, query });
      const offset = Number(query.offset);
      return logs.slice(offset, offset + Number(query.limit));
    };
    const since = new Date('2026-01-01T23:59:59.500Z');
    const failed = await listCodeartsLogs(page, '/v4/groups/77/hooks/20001', { since, failed: true, limit: 500 });
    expect(calls).toEqual([
      { path: '/v4/groups/77/hooks/20001/logs', query: { offset: 0, limit: 100, created_after: '2026-01-01T23:59:59Z' } },
      { path: '/v4/groups/77/hooks/20001/logs', query: { offset: 100, limit: 100, created_after: '2026-01-01T23:59:59Z' } },
    ]);
    expect(failed).toHaveLength(65);
    expect(failed.every((r) => r.status === '500' && r.ok === false)).toBe(true);
  });

  it('asks for no more than it keeps: the newest 20 are one page of 20', async () => {
    const { listCodeartsLogs } = await import('../../../src/providers/codearts/delivery-logs.js');
    const limits: unknown[] = [];
    const logs = Array.from({ length: 100 }, (_, i) => ({ id: i, response_status: '200' }));
    const records = await listCodeartsLogs(
      async (_path, query) => {
        limits.push(query.limit);
        return logs.slice(Number(query.offset), Number(query.offset) + Number(query.limit));
      },
      '/v4/groups/77/hooks/20001',
      { limit: 20 },
    );
    expect(limits).toEqual([20]);
    expect(records).toHaveLength(20);
  });
});
