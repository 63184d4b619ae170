import { describe, expect, it } from 'vitest';
import { crlf, fileOf, sjis } from '../ingest/test-support/build';
import { VENDOR_SAMPLE } from '../ingest/test-support/vendor-sample';
import { Engine } from './engine';
import type { FromWorker } from './protocol';

function engineWithLog() {
  const messages: FromWorker[] = [];
  const engine = new Engine((m) => messages.push(m), undefined, 64);
  return { engine, messages };
}

describe('Engine (the worker logic, without a worker)', () => {
  it('loads files in slices, reports progress and a per-file error, then serves row windows', async () => {
    const { engine, messages } = engineWithLog();
    const pop = ['[POP3] 2005/05/18 03:10:41 [000] Connect from pc(192.0.2.1)'];
    await engine.handle({
      type: 'load',
      jobId: 7,
      files: [
        fileOf('smtp.log', sjis(crlf(VENDOR_SAMPLE))),
        fileOf('image.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])),
        fileOf('pop3.log', sjis(crlf(pop))),
      ],
    });
    const types = messages.map((m) => m.type);
    expect(types[0]).toBe('progress');
    expect(types).toContain('file-error');
    expect(types.at(-1)).toBe('done');
    const fileError = messages.find((m) => m.type === 'file-error');
    expect(fileError).toMatchObject({
      jobId: 7,
      fileName: 'image.png',
      message: expect.stringContaining('binary'),
    });
    const done = messages.at(-1);
    if (done?.type !== 'done') throw new Error('no done message');
    expect(done.summary.summary.lines).toBe(16);
    expect(done.summary.failedFiles).toEqual([{ name: 'image.png', message: expect.any(String) }]);
    const progress = messages.filter((m) => m.type === 'progress');
    expect(progress.every((m) => m.jobId === 7)).toBe(true);

    messages.length = 0;
    await engine.handle({ type: 'rows', requestId: 3, start: 1, count: 3 });
    const reply = messages[0];
    if (reply?.type !== 'rows') throw new Error('no rows reply');
    expect(reply).toMatchObject({ requestId: 3, start: 1, total: 16 });
    // Timeline order: the POP3 connect at 03:10:41 comes after the SMTP lines of that second.
    expect(reply.rows.map((r) => [r.service, r.thread, r.kind, r.text])).toEqual([
      ['SMTP', '000', 'connect', 'Connect from 192.168.1.10(192.168.1.10)'],
      ['SMTP', '001', 'connect', 'Connect from 192.168.1.11(192.168.1.11)'],
      ['SMTP', '000', 'note', '無条件接続許可ホスト(IP)'],
    ]);
  });

  it('answers a rows request with nothing before anything is loaded', async () => {
    const { engine, messages } = engineWithLog();
    await engine.handle({ type: 'rows', requestId: 1, start: 0, count: 10 });
    expect(messages).toEqual([{ type: 'rows', requestId: 1, start: 0, rows: [], total: 0 }]);
  });

  it('shows unparsed lines whole and marks them', async () => {
    const { engine, messages } = engineWithLog();
    await engine.handle({ type: 'load', jobId: 1, files: [fileOf('x.log', sjis('ゴミ行\r\n'))] });
    messages.length = 0;
    await engine.handle({ type: 'rows', requestId: 2, start: 0, count: 5 });
    const reply = messages[0];
    if (reply?.type !== 'rows') throw new Error('no rows reply');
    expect(reply.rows).toMatchObject([{ kind: 'unparsed', text: 'ゴミ行', time: '', service: '' }]);
  });

  it('re-decodes a file as the encoding the user chose, without re-parsing it', async () => {
    const { engine, messages } = engineWithLog();
    await engine.handle({ type: 'load', jobId: 1, files: [fileOf('smtp.log', sjis(crlf(VENDOR_SAMPLE)))] });
    const textOfRow3 = async (requestId: number) => {
      messages.length = 0;
      await engine.handle({ type: 'rows', requestId, start: 3, count: 1 });
      const reply = messages[0];
      if (reply?.type !== 'rows') throw new Error('no rows reply');
      return reply.rows[0].text;
    };
    expect(await textOfRow3(1)).toBe('無条件接続許可ホスト(IP)');

    messages.length = 0;
    await engine.handle({ type: 'set-encoding', requestId: 2, fileId: 0, encoding: 'utf-8' });
    expect(messages[0]).toMatchObject({
      type: 'encoding-set',
      requestId: 2,
      files: [{ name: 'smtp.log', encoding: 'utf-8', encodingSource: 'override', lines: 15 }],
    });
    expect(await textOfRow3(3)).toContain('\ufffd');

    await engine.handle({ type: 'set-encoding', requestId: 4, fileId: 0, encoding: 'shift_jis' });
    expect(await textOfRow3(5)).toBe('無条件接続許可ホスト(IP)');
  });
});
