import { describe, expect, it } from 'vitest';
import { crlf, fileOf, sjis } from '../ingest/test-support/build';
import { VENDOR_SAMPLE } from '../ingest/test-support/vendor-sample';
import type { RowView } from '../query/types';
import { Engine } from './engine';
import type { FromWorker } from './protocol';
import { parseInThisThread } from './test-support/parse-in-this-thread';

const ROWS_VIEW = 1;

function engineWithLog() {
  const messages: FromWorker[] = [];
  const engine = new Engine((m) => messages.push(m), parseInThisThread, 64);
  void engine.handle({ type: 'view', viewId: ROWS_VIEW, version: 1, query: { source: 'rows' } });
  /** Rows start .. start+count-1 of the rows view, and its size. */
  const read = async (start: number, count: number) => {
    messages.length = 0;
    await engine.handle({ type: 'read', viewId: ROWS_VIEW, version: 1, requestId: 1, start, count });
    const reply = messages.find((m) => m.type === 'window');
    if (reply?.type !== 'window') throw new Error('no window reply');
    return { ...reply.window, rows: reply.window.rows as RowView[] };
  };
  return { engine, messages, read };
}

describe('Engine (the worker logic, without a worker)', () => {
  it('loads files in slices, reports progress and a per-file error, then serves row windows', async () => {
    const { engine, messages, read } = engineWithLog();
    const pop = ['[POP3] 2005/05/18 03:10:41 [000] Connect from pc(192.0.2.1)'];
    await engine.handle({
      type: 'load',
      jobId: 7,
      files: [
        fileOf('smtp.log', sjis(crlf(VENDOR_SAMPLE))),
        fileOf('image.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])),
        fileOf('pop3.log', sjis(crlf(pop))),
      ],
      budget: 2 ** 32,
    });
    const types = messages.map((m) => m.type);
    expect(types[0]).toBe('progress');
    expect(types).toContain('file-error');
    // Done, then the open view computed over the index, then what the overview adds.
    expect(types.slice(-3)).toEqual(['done', 'view-state', 'overview']);
    expect(messages.at(-1)).toMatchObject({ type: 'overview', jobId: 7, findings: expect.any(Array) });
    expect(messages.at(-2)).toMatchObject({
      type: 'view-state',
      viewId: ROWS_VIEW,
      version: 1,
      total: 16,
      done: true,
    });
    const fileError = messages.find((m) => m.type === 'file-error');
    expect(fileError).toMatchObject({
      jobId: 7,
      fileName: 'image.png',
      problem: { code: 'binary', offset: 4 },
    });
    const done = messages.at(-3);
    if (done?.type !== 'done') throw new Error('no done message');
    expect(done.summary.summary.lines).toBe(16);
    expect(done.summary.failedFiles).toEqual([
      { fileName: 'image.png', problem: { code: 'binary', offset: 4 } },
    ]);
    const progress = messages.filter((m) => m.type === 'progress');
    expect(progress.every((m) => m.jobId === 7)).toBe(true);

    const reply = await read(1, 3);
    expect(reply).toMatchObject({ start: 1, total: 16 });
    // Timeline order: the POP3 connect at 03:10:41 comes after the SMTP lines of that second.
    expect(reply.rows.map((r) => [r.service, r.thread, r.kind, r.text])).toEqual([
      ['SMTP', '000', 'connect', 'Connect from 192.168.1.10(192.168.1.10)'],
      ['SMTP', '001', 'connect', 'Connect from 192.168.1.11(192.168.1.11)'],
      ['SMTP', '000', 'note', '無条件接続許可ホスト(IP)'],
    ]);
  });

  it('answers a read with nothing before anything is loaded', async () => {
    const { read } = engineWithLog();
    expect(await read(0, 10)).toEqual({ start: 0, rows: [], total: 0 });
  });

  it('shows unparsed lines whole and marks them', async () => {
    const { engine, read } = engineWithLog();
    await engine.handle({
      type: 'load',
      jobId: 1,
      files: [fileOf('x.log', sjis('ゴミ行\r\n'))],
      budget: 2 ** 32,
    });
    expect((await read(0, 5)).rows).toMatchObject([
      { kind: 'unparsed', text: 'ゴミ行', time: '', service: '' },
    ]);
  });

  it('re-decodes a file as the encoding the user chose, without re-parsing it', async () => {
    const { engine, messages, read } = engineWithLog();
    await engine.handle({
      type: 'load',
      jobId: 1,
      files: [fileOf('smtp.log', sjis(crlf(VENDOR_SAMPLE)))],
      budget: 2 ** 32,
    });
    const textOfRow3 = async () => (await read(3, 1)).rows[0].text;
    expect(await textOfRow3()).toBe('無条件接続許可ホスト(IP)');

    messages.length = 0;
    await engine.handle({ type: 'set-encoding', requestId: 2, fileId: 0, encoding: 'utf-8' });
    expect(messages[0]).toMatchObject({
      type: 'encoding-set',
      requestId: 2,
      files: [{ name: 'smtp.log', encoding: 'utf-8', encodingSource: 'override', lines: 15 }],
    });
    expect(await textOfRow3()).toContain('\ufffd');

    await engine.handle({ type: 'set-encoding', requestId: 4, fileId: 0, encoding: 'shift_jis' });
    expect(await textOfRow3()).toBe('無条件接続許可ホスト(IP)');
  });
});
