/**
 * Samples the resident memory of every Chromium process this Node process launched, from
 * /proc (Linux only). A dedicated worker runs in its page's renderer process, so the renderer's
 * RSS covers the page, the engine worker and the file bytes it holds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { MiB } from './corpus';

export type ProcKind = 'browser' | 'renderer' | 'gpu' | 'utility' | 'zygote' | 'other';
const KINDS: readonly ProcKind[] = ['browser', 'renderer', 'gpu', 'utility', 'zygote', 'other'];

interface Tracked {
  pid: number;
  kind: ProcKind;
  /** e.g. the utility sub-type (network service, storage service). */
  label: string;
  lastKB: number;
  peakKB: number;
  /** When the peak was seen: ms since the baseline ended (the drop). */
  peakAtMs: number;
  /** The worker's renderer only: [ms since the drop, RSS MB], every ~100 ms. */
  trace: Array<[number, number]>;
  baselineSumKB: number;
  /** The same for the process's private memory (RssAnon: no shared code pages). */
  lastPrivateKB: number;
  peakPrivateKB: number;
  baselinePrivateSumKB: number;
  baselineSamples: number;
  /** Seen running a dedicated worker thread: the renderer of the app's tab. */
  hostsWorker: boolean;
  /** CPU time (user + system, ms) at the end of the baseline and at stop. */
  cpuStartMs: number;
  cpuEndMs: number;
  /** Per thread (tid): its name and CPU ms when first seen in the window and when last seen. */
  threads: Map<number, { comm: string; startMs: number; lastMs: number }>;
}

export interface ProcessReport {
  pid: number;
  kind: ProcKind;
  label: string;
  hostsWorker: boolean;
  baselineMB: number;
  peakMB: number;
  /** When the peak was seen, in ms after the drop (to set beside `enginePhasesMs`). */
  peakAtMs: number;
  /** The tab's renderer only: its RSS (MB) every ~100 ms from the drop, as [ms, MB]. */
  rssTrace?: Array<[number, number]>;
  /** CPU time used over the measured window: near the wall time means one core kept busy. */
  cpuMs: number;
  /** Private memory (RssAnon): RSS without shared file pages (Chromium's code, shared by every process). */
  baselinePrivateMB: number;
  peakPrivateMB: number;
  /**
   * The window's CPU ms per thread name, for the tab's renderer only (threads are read every
   * ~100 ms, so a thread that ended, like a replaced parse worker, misses its last 100 ms at most).
   * Each dedicated worker is listed on its own, numbered in the order they appeared.
   */
  threadCpuMs?: Record<string, number>;
}

export interface MemoryReport {
  /** Peak of the per-sample sum over processes of each kind, over the measured window. */
  peakMB: Record<ProcKind | 'total', number>;
  /** Mean of the same sums over the baseline window (page loaded, nothing dropped yet). */
  baselineMB: Record<ProcKind | 'total', number>;
  /**
   * The renderer(s) seen running a dedicated worker: the app's tab, engine worker included. Sums of
   * per-process figures (exact when, as usual, it is one process).
   */
  workerRenderer:
    | {
        pids: number[];
        baselineMB: number;
        peakMB: number;
        /** Private memory (RssAnon): RSS without the shared pages of Chromium's code. */
        baselinePrivateMB: number;
        peakPrivateMB: number;
        cpuMs: number;
      }
    | undefined;
  processes: ProcessReport[];
  samples: number;
  intervalMs: number;
  /** Longest time between two samples: a peak shorter than this could have been missed. */
  maxGapMs: number;
}

/**
 * Reads `VmRSS` and `RssAnon` (kB) from /proc/PID/status: cheap enough to read every 25 ms. -1 if
 * the process is gone.
 */
function readRssKB(pid: number): { rss: number; anon: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'latin1');
    const rss = /VmRSS:\s+(\d+) kB/.exec(status);
    const anon = /RssAnon:\s+(\d+) kB/.exec(status);
    return { rss: rss ? Number(rss[1]) : -1, anon: anon ? Number(anon[1]) : -1 };
  } catch {
    return { rss: -1, anon: -1 };
  }
}

/** Fields of /proc/PID/stat from field 3 (state) on; the command name (field 2) may hold spaces. */
function readStat(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function readPpid(pid: number): number {
  return Number(readStat(pid)?.[1] ?? -1);
}

/** Clock ticks are 10 ms on Linux (USER_HZ = 100 everywhere in practice). */
function readCpuMs(pid: number): number {
  const f = readStat(pid);
  // utime and stime are fields 14 and 15, i.e. indices 11 and 12 here.
  return f ? (Number(f[11]) + Number(f[12])) * 10 : 0;
}

/** CPU ms of each thread of `pid`, with its name (comm), keyed by thread id. */
function readThreads(pid: number): Map<number, { comm: string; ms: number }> {
  const out = new Map<number, { comm: string; ms: number }>();
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'latin1');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const comm = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'latin1').trim();
      out.set(Number(tid), { comm, ms: (Number(f[11]) + Number(f[12])) * 10 });
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return out;
}

/**
 * Chromium says what each child is in `--type=...`; the browser process has no type. Zygote-forked
 * children rewrite their title (setproctitle), so their cmdline may be one space-joined string:
 * match on the whole text rather than on NUL-separated arguments.
 */
function classify(pid: number): { kind: ProcKind; label: string } | undefined {
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'latin1').replaceAll('\0', ' ');
  } catch {
    return undefined;
  }
  if (!/chrom/i.test(cmdline.split(' ')[0] ?? '')) return undefined;
  const type = /(?:^| )--type=(\S+)/.exec(cmdline)?.[1];
  if (type === undefined) return { kind: 'browser', label: 'browser' };
  if (type === 'renderer') {
    // Chromium's own UI runs in renderers too; they never host the page.
    return {
      kind: 'renderer',
      label: / --top-chrome-webui(?: |$)/.test(cmdline) ? 'renderer (chrome webui)' : 'renderer',
    };
  }
  if (type === 'gpu-process') return { kind: 'gpu', label: 'gpu-process' };
  if (type === 'utility') {
    return { kind: 'utility', label: /(?:^| )--utility-sub-type=(\S+)/.exec(cmdline)?.[1] ?? 'utility' };
  }
  if (type === 'zygote') return { kind: 'zygote', label: 'zygote' };
  return { kind: 'other', label: type };
}

/** Blink names a dedicated worker's thread "DedicatedWorker thread" (comm keeps 15 characters). */
function runsDedicatedWorker(pid: number): boolean {
  try {
    return readdirSync(`/proc/${pid}/task`).some((tid) => {
      try {
        return readFileSync(`/proc/${pid}/task/${tid}/comm`, 'latin1').startsWith('DedicatedWorker');
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    const ppid = readPpid(pid);
    if (ppid < 0) continue;
    const list = children.get(ppid);
    if (list) list.push(pid);
    else children.set(ppid, [pid]);
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const c of children.get(queue.pop() as number) ?? []) {
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

/** CPU ms per thread name over the window; dedicated workers one by one, in order of appearance. */
function threadCpu(t: Tracked): Record<string, number> {
  const out: Record<string, number> = {};
  let worker = 0;
  for (const { comm, startMs, lastMs } of t.threads.values()) {
    const ms = lastMs - startMs;
    const name = comm.startsWith('DedicatedWorker') ? `DedicatedWorker ${++worker}` : comm;
    if (ms > 0) out[name] = (out[name] ?? 0) + ms;
  }
  return out;
}

const emptySums = (): Record<ProcKind | 'total', number> => ({
  browser: 0,
  renderer: 0,
  gpu: 0,
  utility: 0,
  zygote: 0,
  other: 0,
  total: 0,
});

/** Threads are read every this many samples (~100 ms): often enough to catch a worker's last CPU. */
const THREAD_EVERY = 4;

export class ProcessSampler {
  private readonly tracked = new Map<number, Tracked>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private inBaseline = true;
  private peak = emptySums();
  private baselineSum = emptySums();
  private baselineSamples = 0;
  private samples = 0;
  private lastAt = 0;
  private maxGapMs = 0;
  private sinceRescan = Infinity;
  /** When the baseline ended. */
  private openedAt = 0;

  constructor(
    private readonly rootPid: number,
    readonly intervalMs = 25,
  ) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  /** Ends the baseline window: later samples count towards the peaks. */
  endBaseline(): void {
    this.sample();
    this.inBaseline = false;
    this.peak = emptySums();
    this.openedAt = performance.now();
    for (const t of this.tracked.values()) {
      t.peakKB = t.lastKB;
      t.peakAtMs = 0;
      t.peakPrivateKB = t.lastPrivateKB;
      t.cpuStartMs = readCpuMs(t.pid);
      t.threads.clear();
      this.sampleThreads(t, true);
    }
    this.samples = 0;
    this.maxGapMs = 0;
  }

  stop(): void {
    this.sample();
    for (const t of this.tracked.values()) {
      t.cpuEndMs = readCpuMs(t.pid);
      this.sampleThreads(t);
    }
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Current RSS per kind (MB), e.g. right after the load finished. */
  current(): Record<ProcKind | 'total', number> {
    const sums = emptySums();
    for (const t of this.tracked.values()) {
      if (t.lastKB < 0) continue;
      sums[t.kind] += t.lastKB;
      sums.total += t.lastKB;
    }
    return toMB(sums, 1);
  }

  report(): MemoryReport {
    const processes = [...this.tracked.values()]
      .filter((t) => t.peakKB > 0)
      .map((t) => ({
        pid: t.pid,
        kind: t.kind,
        label: t.label,
        hostsWorker: t.hostsWorker,
        baselineMB: round1(t.baselineSamples ? t.baselineSumKB / t.baselineSamples / 1024 : 0),
        peakMB: round1(t.peakKB / 1024),
        peakAtMs: Math.round(t.peakAtMs),
        baselinePrivateMB: round1(t.baselineSamples ? t.baselinePrivateSumKB / t.baselineSamples / 1024 : 0),
        peakPrivateMB: round1(t.peakPrivateKB / 1024),
        cpuMs: Math.max(0, t.cpuEndMs - t.cpuStartMs),
        ...(t.hostsWorker ? { threadCpuMs: threadCpu(t), rssTrace: t.trace } : {}),
      }))
      .sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || b.peakMB - a.peakMB);
    const hosts = processes.filter((p) => p.hostsWorker);
    const workerRenderer =
      hosts.length === 0
        ? undefined
        : {
            pids: hosts.map((p) => p.pid),
            baselineMB: round1(hosts.reduce((n, p) => n + p.baselineMB, 0)),
            peakMB: round1(hosts.reduce((n, p) => n + p.peakMB, 0)),
            baselinePrivateMB: round1(hosts.reduce((n, p) => n + p.baselinePrivateMB, 0)),
            peakPrivateMB: round1(hosts.reduce((n, p) => n + p.peakPrivateMB, 0)),
            cpuMs: hosts.reduce((n, p) => n + p.cpuMs, 0),
          };
    return {
      peakMB: toMB(this.peak, 1),
      workerRenderer,
      baselineMB: toMB(this.baselineSum, Math.max(1, this.baselineSamples)),
      processes,
      samples: this.samples,
      intervalMs: this.intervalMs,
      maxGapMs: round1(this.maxGapMs),
    };
  }

  /** `opening`: the window starts now; otherwise a thread not seen yet started in the window. */
  private sampleThreads(t: Tracked, opening = false): void {
    if (!t.hostsWorker) return;
    for (const [tid, { comm, ms }] of readThreads(t.pid)) {
      const known = t.threads.get(tid);
      if (known) known.lastMs = ms;
      else t.threads.set(tid, { comm, startMs: opening ? ms : 0, lastMs: ms });
    }
  }

  private sample(): void {
    const now = performance.now();
    if (this.samples > 0) this.maxGapMs = Math.max(this.maxGapMs, now - this.lastAt);
    this.lastAt = now;
    // New processes (a renderer for the page, a utility for file access) are picked up every ~0.5 s.
    if (++this.sinceRescan * this.intervalMs >= 500) {
      this.sinceRescan = 0;
      for (const pid of descendantsOf(this.rootPid)) {
        if (this.tracked.has(pid)) continue;
        const c = classify(pid);
        if (c) {
          this.tracked.set(pid, {
            pid,
            ...c,
            lastKB: 0,
            peakKB: 0,
            peakAtMs: 0,
            trace: [],
            baselineSumKB: 0,
            lastPrivateKB: 0,
            peakPrivateKB: 0,
            baselinePrivateSumKB: 0,
            baselineSamples: 0,
            hostsWorker: false,
            cpuStartMs: 0,
            cpuEndMs: 0,
            threads: new Map(),
          });
        }
      }
      for (const t of this.tracked.values()) {
        if (t.kind === 'renderer' && !t.hostsWorker) t.hostsWorker = runsDedicatedWorker(t.pid);
      }
    }
    if (!this.inBaseline && this.samples % THREAD_EVERY === 0) {
      for (const t of this.tracked.values()) this.sampleThreads(t);
    }
    const sums = emptySums();
    for (const t of this.tracked.values()) {
      const { rss: kb, anon } = readRssKB(t.pid);
      t.lastKB = kb;
      t.lastPrivateKB = anon;
      t.peakPrivateKB = Math.max(t.peakPrivateKB, anon);
      if (this.inBaseline) t.baselinePrivateSumKB += Math.max(0, anon);
      if (kb < 0) continue;
      if (kb > t.peakKB) {
        t.peakKB = kb;
        t.peakAtMs = now - this.openedAt;
      }
      if (!this.inBaseline && t.hostsWorker && this.samples % THREAD_EVERY === 0) {
        t.trace.push([Math.round(now - this.openedAt), round1(kb / 1024)]);
      }
      sums[t.kind] += kb;
      sums.total += kb;
      if (this.inBaseline) {
        t.baselineSumKB += kb;
        t.baselineSamples++;
      }
    }
    for (const k of [...KINDS, 'total'] as const) {
      this.peak[k] = Math.max(this.peak[k], sums[k]);
      if (this.inBaseline) this.baselineSum[k] += sums[k];
    }
    if (this.inBaseline) this.baselineSamples++;
    this.samples++;
  }
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function toMB(sums: Record<ProcKind | 'total', number>, divisor: number): Record<ProcKind | 'total', number> {
  const out = emptySums();
  for (const k of Object.keys(sums) as Array<ProcKind | 'total'>)
    out[k] = round1(sums[k] / divisor / (MiB / 1024));
  return out;
}
