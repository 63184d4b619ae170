import { formatDateTime } from '../src/lib/format-time';
import { en } from '../src/i18n/messages';
import type { FailedFile } from '../src/model/file-problems';
import type { Summary } from '../src/query/types';

const n = (v: number) => v.toLocaleString('en-US');

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map(
      (r) =>
        '  ' +
        r
          .map((cell, c) => cell.padEnd(widths[c]))
          .join('  ')
          .trimEnd(),
    )
    .join('\n');
}

/** The human-readable report printed by `npm run summary` without --json. */
export function formatSummary(s: Summary, failed: readonly FailedFile[]): string {
  const out: string[] = [];
  out.push(`PMailServer log summary: ${n(s.lines)} lines in ${s.files.length} file(s)`, '');
  out.push('Files');
  out.push(
    table([
      ['name', 'kind', 'encoding', 'format', 'level', 'lines', 'unparsed'],
      ...s.files.map((f) => [
        f.name,
        f.kind,
        `${f.encoding} (${f.encodingSource})`,
        f.format ?? '-',
        f.levels.length ? f.levels.join(' → ') : '-',
        n(f.lines),
        n(f.unparsed),
      ]),
    ]),
  );
  for (const f of s.files) for (const w of f.warnings) out.push(`  ! ${f.name}: ${en.fileWarning(w)}`);
  for (const f of failed) out.push(`  ✗ ${f.fileName}: ${en.fileProblem(f.problem)}`);
  if (s.files.some((f) => f.format === '1.26')) {
    out.push('  note: ≤1.26 files have no thread ids; their sessions are cut in file order (best effort).');
  }
  out.push('', 'Sessions');
  const services = Object.keys(s.sessions);
  if (services.length === 0) out.push('  none');
  else {
    out.push(
      table([
        ['service', 'sessions', 'outcomes'],
        ...services.map((svc) => [
          svc,
          n(s.sessions[svc]),
          Object.entries(s.outcomes[svc] ?? {})
            .map(([o, c]) => `${o} ${n(c)}`)
            .join(', '),
        ]),
      ]),
    );
  }
  out.push('', 'Findings (default thresholds; the page can change them)');
  const findings = s.findings ?? [];
  if (findings.length === 0) out.push('  none');
  for (const f of findings) {
    const when =
      f.from === undefined
        ? ''
        : `  ${formatDateTime(f.from)}${f.to !== undefined ? ` – ${formatDateTime(f.to - 1)}` : ''}`;
    out.push(`  ${f.kind}  ${f.subject}  ${n(f.count)}${when}`);
  }
  out.push('', 'Top peers');
  out.push(s.topPeers.length ? table(s.topPeers.map((p) => [p.service, p.peer, n(p.sessions)])) : '  none');
  out.push('', 'Authentication failures');
  out.push(
    s.authFailures.length
      ? table(s.authFailures.map((a) => [a.service, a.peer, a.user ?? '(user not logged)', n(a.count)]))
      : '  none',
  );
  out.push('', 'Relay denials');
  out.push(s.relayDenials.length ? table(s.relayDenials.map((r) => [r.peer, n(r.count)])) : '  none');
  out.push(
    '',
    `Deliveries (MTA report log): ${n(s.report.entries)} entries, ${n(s.report.failed)} not delivered`,
  );
  if (s.report.codes.length) {
    out.push(table(s.report.codes.map((c) => [String(c.code), n(c.count), c.en, c.ja])));
  }
  return out.join('\n') + '\n';
}
