/**
 * Every word of the interface, in English and Japanese. Log text is never translated; report
 * codes keep the vendor's own Japanese (model/report-codes.ts). The Japanese catalogue has the
 * type of the English one, so a missing or misshapen entry does not compile.
 */
import type { FileProblem, FileWarning, LoadProblem } from '../model/file-problems';

const num = (n: number) => n.toLocaleString('en-US');
const gib = (bytes: number) => (bytes / 2 ** 30).toFixed(1);

export const en = {
  locale: 'en-US',
  appTitle: 'PMail Log Viewer',
  privacy: 'Runs entirely in this tab: your logs never leave the machine.',
  chooseFiles: 'Choose files…',
  chooseFilesLabel: 'Choose log files',
  loadSample: 'Load sample logs',
  fetchingSample: 'Fetching sample…',
  switchLanguage: '日本語',
  switchLanguageTitle: '日本語で表示',
  // Load status
  linesOf: (shown: string, total: string) => `${shown} of ${total} lines`,
  counting: ' (counting…)',
  stop: 'Stop',
  filesAndSize: (files: number, size: string) => `${files} ${files === 1 ? 'file' : 'files'}, ${size}`,
  indexedIn: (time: string) => `indexed in ${time}`,
  engineTime: "The engine's time for this filter",
  // Tabs
  tabLog: 'Log',
  tabDeliveries: (n: string, failedOnly: boolean) => `Deliveries (${n})${failedOnly ? ' · failed only' : ''}`,
  // Overview
  overview: 'Overview',
  findings: 'Findings',
  sessionsAndOutcomes: 'Sessions and how they ended',
  service: 'service',
  sessions: 'sessions',
  outcome: {
    ok: 'ok',
    error: 'error',
    rejected: 'rejected',
    'relay denied': 'relay denied',
    'auth failed': 'auth failed',
  } as Record<string, string>,
  deliveriesCard: 'Deliveries (MTA report log)',
  delivered: 'delivered',
  temporary: 'temporary failure (-7, -9)',
  failure: 'failure',
  authByUser: 'Authentication failures by user',
  authByIp: 'Authentication failures by IP',
  relayByPeer: 'Relay denials by peer',
  busiestPeers: 'Busiest peers (sessions)',
  linesOverTime: 'Lines over time per service',
  none: 'none',
  // Findings
  nothingStandsOut: 'Nothing stands out with these thresholds.',
  showEvidence: 'Show evidence',
  thresholds: 'Thresholds',
  findingTitle: {
    'password-guessing-ip': (s: string, n: string) => `Password guessing from ${s}: ${n} failed logins`,
    'password-guessing-user': (s: string, n: string) =>
      `Password guessing against user ${s}: ${n} failed logins`,
    'relay-attempts': (s: string, n: string) => `Relay attempts from ${s}: ${n} denied`,
    'failing-domain': (s: string, n: string) => `Deliveries to ${s} keep failing: ${n} failed`,
    'temporary-surge': (_s: string, n: string) => `A surge of temporary failures (-7, -9): ${n}`,
    'service-restart': (s: string, n: string) => `The service of ${s} restarted ${n} ×`,
    'level-change': (s: string, n: string) => `The debug level of ${s} changed ${n} ×`,
    gap: (s: string, n: string) => `No line at all in ${s} for ${n} min`,
  },
  thresholdText: {
    guess: (n: number, min: number) => `≥ ${n} failures within ${min} min`,
    relay: (n: number) => `≥ ${n} denials`,
    domain: (n: number, pct: number) => `≥ ${n} failures, ≥ ${pct} % of its deliveries`,
    surge: (n: number, min: number) => `≥ ${n} within ${min} min`,
    anyRestart: 'any restart',
    anyChange: 'any change',
    gap: (min: number) => `≥ ${min} min`,
  },
  thresholdField: {
    guessFailures: 'failed logins',
    guessWindowMin: 'within (min)',
    relayDenials: 'relay denials',
    domainFailures: 'domain failures',
    domainFailurePercent: 'domain failure %',
    temporarySurge: 'temporary failures',
    temporaryWindowMin: 'within (min)',
    gapMin: 'gap (min)',
  },
  // Deliveries
  failedOnly: 'Failed deliveries only',
  text: 'Text',
  searchReport: 'Search the report lines',
  address: 'Address',
  senderOrRecipient: 'sender or recipient',
  from: 'From',
  before: 'Before',
  to: 'To',
  clearAll: 'Clear all',
  deliveriesOf: (shown: string, total: string) => `${shown} of ${total} deliveries`,
  codeChip: (codes: string) => `code ${codes}`,
  resultsByCode: 'Results by code (click a bar to keep its entries)',
  resultsOverTime: 'Results over time (drag the brush to set the range)',
  topDomains: 'Recipient domains by failures',
  topSenders: 'Senders by failures',
  columns: {
    journey: 'Journey',
    time: 'Time',
    sender: 'Sender',
    recipient: 'Recipient',
    domain: 'Recipient domain',
    code: 'Code',
    meaning: 'Meaning',
    class: 'Class',
    service: 'Service',
    thread: 'Thread',
    kind: 'Kind',
    message: 'Message',
    file: 'File',
  } as Record<string, string>,
  columnChooser: 'Columns',
  dragToResize: 'Drag to resize',
  // The log's filter bar and table
  regex: 'Regular expression (RE2)',
  searchLines: 'Search lines (Japanese too)  /',
  regexTitle: 'Match a regular expression (RE2: linear time, no backtracking)',
  peer: 'Peer',
  hostOrIp: 'host or IP',
  addressPlaceholder: 'MAIL FROM, RCPT TO, user',
  outcomeLabel: 'Outcome',
  any: 'any',
  errorsOnly: 'Errors only',
  servicesLabel: 'Services',
  kindsLabel: 'Kinds',
  removeFilter: 'Remove this filter',
  rowsMatch: (shown: string, total: string) => `${shown} of ${total} rows match the filters`,
  rows: (n: string, loading: boolean) => `${n} rows${loading ? ' so far' : ''}`,
  reading: 'Reading… rows appear as soon as the first slice is indexed.',
  exportCsv: 'Export CSV',
  exportLog: 'Export .log',
  exporting: 'Exporting…',
  exportCsvTitle: 'The rows shown, as CSV (UTF-8)',
  exportLogTitle: 'The rows shown, as their original lines, bytes untouched',
  conversation: {
    session: (service: string, n: number) => `${service} session #${n}`,
    thread: 'Thread',
    noThread: '— (≤1.26 file)',
    peer: 'Peer',
    user: 'User',
    start: 'Start',
    duration: 'Duration',
    report: 'Report',
    previousOnThread: '← Previous on thread',
    nextOnThread: 'Next on thread →',
    previousOfPeer: '← Previous of peer',
    nextOfPeer: 'Next of peer →',
    onlyThis: 'Show only this session in the table',
    copy: 'Copy as text',
  },
  fileList: {
    files: 'Files',
    file: 'File',
    kind: 'Kind',
    encoding: 'Encoding',
    format: 'Format',
    level: 'Level',
    lines: 'Lines',
    unparsed: 'Unparsed',
    warnings: 'Warnings',
  },
  linkTitles: {
    service: (svc: string) => `Every line of ${svc}`,
    outcome: (svc: string, outcome: string) => `The ${svc} sessions that ended: ${outcome}`,
    delivered: 'Entries with code 0',
    temporary: 'Entries with code -7 or -9: retried',
    failure: 'Every entry whose code is not 0',
    item: (name: string) => `The lines of ${name}`,
  },
  aria: {
    journey: 'Journey',
    deliveries: 'Deliveries',
    byCode: 'Results by code',
    overTime: 'Results over time',
    loadStatus: 'Load status',
    bytesRead: 'Bytes read',
    filesBeingRead: 'Files being read',
    filesNotRead: 'Files that could not be read',
    encodingOf: (name: string) => `Encoding of ${name}`,
    views: 'Views',
    conversation: 'Conversation',
    otherSessions: 'Other sessions',
    filters: 'Filters',
    activeFilters: 'Active filters',
    matchingOverTime: 'Matching lines over time',
    log: 'Log',
    scrollKeys: (label: string) => `${label}: PageUp, PageDown, Home and End scroll`,
  },
  linesWord: 'lines',
  kindNames: {
    unparsed: 'unparsed',
    'service start': 'service start',
    'service stop': 'service stop',
    connect: 'connect',
    disconnect: 'disconnect',
    command: 'command',
    reply: 'reply',
    note: 'note',
    report: 'report',
  } as Record<string, string>,
  emptyReady: 'No rows: every file was empty or could not be read.',
  emptyIdle: 'Drop PMailServer log files or a whole logs folder anywhere on this page, or choose files.',
  emptyHint:
    'SMTP, POP3, IMAP4 and MTA logs and the MTA report log, in Shift_JIS or UTF-8. Files are read and indexed in this browser tab; nothing is uploaded.',
  rowsSoFar: (n: string) => `${n} rows so far`,
  cancel: 'Cancel',
  levelWarning: (replies: boolean) =>
    `Some files were written below debug level ${replies ? 3 : 2}: they hold no ${replies ? 'server replies' : 'client commands'}, so their errors show only in the server's notes.`,
  bestEffortNote:
    'Files in the 1.26 format carry no thread id: connections are cut in file order, which is right only when connections did not overlap (best effort).',
  bestEffort: 'best effort',
  fileKind: { report: 'MTA report', service: 'service log' } as Record<string, string>,
  encodingSource: {
    bom: 'BOM',
    detected: 'detected',
    override: 'chosen',
    default: 'default: ASCII only',
  } as Record<string, string>,
  conversationNotes: {
    partial: 'Partial: the connection began before this file.',
    bestEffort: 'Best effort: a ≤1.26 file has no thread ids, so overlapping connections may be mixed.',
    warnings: 'Ok in the end, after errors on the way.',
    failedConnect: 'A connection attempt of this delivery failed.',
    truncated: (shown: string, total: string) =>
      `Showing the first ${shown} of ${total} lines: "Show only this session in the table" lists them all.`,
  },
  chips: {
    text: (t: string) => `text “${t}”`,
    regex: (r: string) => `regex /${r}/`,
    services: (list: string) => `services: ${list || 'none'}`,
    kinds: (list: string) => `kinds: ${list || 'none'}`,
    from: (t: string) => `from ${t}`,
    before: (t: string) => `before ${t}`,
    errorsOnly: 'errors only',
    peer: (p: string) => `peer “${p}”`,
    address: (a: string) => `address “${a}”`,
    outcome: (list: string) => `outcome: ${list}`,
    failedDeliveries: 'failed deliveries',
    thread: (t: string) => `thread ${t}`,
    session: (n: number) => `session #${n}`,
  },
  timelineOrder: 'Merged timeline: files interleaved by time, each file kept in its own order',
  fileOrder: 'File order while loading: the merged timeline follows when indexing is done',
  trace: 'trace',
  traceTitle: 'How this message went through the server',
  deliveryClass: { delivered: 'delivered', temporary: 'temporary', failure: 'failure' } as Record<
    string,
    string
  >,
  // Files the engine could not read, and loads that did not happen
  fileProblem: (p: FileProblem): string => {
    switch (p.code) {
      case 'binary':
        return `binary data (a NUL byte at offset ${num(p.offset)}): this does not look like a PMailServer log`;
      case 'utf-16':
        return 'UTF-16 text is not supported: save the log as Shift_JIS or UTF-8';
      case 'too-large':
        return `the file is ${gib(p.bytes)} GiB; a file over ${gib(p.limit)} GiB cannot be indexed here: split it into smaller files`;
      case 'too-many-files':
        return `too many files (${num(p.limit)} at most): drop fewer at once`;
      case 'changed':
        return 'the file changed while it was being read: copy it, then open the copy';
      case 'truncated':
        return `the file ended early: ${num(p.read)} of ${num(p.size)} bytes could be read (was it cut, or is it still being written?)`;
      case 'unreadable':
        return `the browser could not read it: ${p.detail}`;
      case 'parser-crashed':
        return `the parser stopped on this file: ${p.detail}`;
      case 'over-load-limit':
        return `not read: with it the load would pass the ${gib(p.limit)} GiB this page can hold; open fewer files at once`;
      case 'archive-corrupt':
        return `a damaged archive: ${p.detail}`;
      case 'archive-encrypted':
        return 'encrypted in its archive: unzip it with its password, then open the file';
      case 'archive-method':
        return `compressed with a method this page cannot unpack (${p.method}): unzip it first, then open the files`;
      case 'archive-too-large':
        return `the archive unpacks to more than the ${gib(p.limit)} GiB this page can hold: unzip it and open fewer files at once`;
      case 'archive-bomb':
        return `stopped unpacking: the archive expands more than ${num(p.ratio)} ×, which logs never do (a zip bomb?)`;
      case 'archive-not-opened':
        return 'an archive: the command line reads plain files, so unpack it first (the page opens archives)';
    }
  },
  fileWarning: (w: FileWarning): string => {
    switch (w.code) {
      case 'no-layout':
        return 'no line has the PMailServer layout: is this a PMailServer log?';
      case 'impossible-dates':
        return `${w.count === 1 ? 'a line' : `${num(w.count)} lines`} with a date that does not exist (the first: line ${num(w.firstLine)}); kept as written, each placed after the line before it`;
      case 'cr-only':
        return 'its lines end in CR alone (no LF), so it reads as one line: convert it to CRLF line endings to see its lines';
    }
  },
  loadProblem: (p: LoadProblem): string => {
    switch (p.code) {
      case 'nothing-to-load':
        return 'nothing to load: no files were given.';
      case 'sample-unavailable':
        return `could not fetch the sample logs: ${p.detail}`;
      case 'folder-unreadable':
        return `could not read the dropped folder: ${p.detail}`;
      case 'engine-failed':
        return `the engine stopped: ${p.detail}`;
    }
  },
  fileState: { waiting: 'waiting', unpacking: 'unpacking', reading: 'reading', done: 'done', error: 'error' },
  loadingFailed: 'Loading failed:',
  loadingCancelled: 'Loading cancelled.',
  dropHere: 'Drop log files or a logs folder to open them',
  // Journey
  journeyTitle: 'Journey of a message',
  reported: 'Reported',
  result: 'Result',
  close: 'Close',
  journeyStep: {
    accepted: 'Accepted (inbound SMTP)',
    delivery: 'Delivered (MTA)',
    pickup: 'Picked up (POP3 / IMAP4)',
  },
  certaintyNone: 'no session fits',
  certaintyOne: 'one session fits',
  certaintySeveral: (n: number) => `${n} sessions fit: the nearest is shown`,
  openConversation: 'Open its conversation',
  journeyNote:
    'Links are found by sender, recipient and time: a heuristic. Where several sessions fit, the nearest is shown; where none does, none is invented.',
};

export type Messages = typeof en;

export const ja: Messages = {
  locale: 'ja-JP',
  appTitle: 'PMail ログビューア',
  privacy: 'このタブの中だけで動きます。ログがこのマシンの外に出ることはありません。',
  chooseFiles: 'ファイルを選択…',
  chooseFilesLabel: 'ログファイルを選択',
  loadSample: 'サンプルログを読み込む',
  fetchingSample: 'サンプルを取得中…',
  switchLanguage: 'English',
  switchLanguageTitle: 'Show in English',
  linesOf: (shown, total) => `${total} 行中 ${shown} 行`,
  counting: '(集計中…)',
  stop: '中止',
  filesAndSize: (files, size) => `${files} ファイル、${size}`,
  indexedIn: (time) => `索引作成 ${time}`,
  engineTime: 'このフィルタにエンジンがかけた時間',
  tabLog: 'ログ',
  tabDeliveries: (n, failedOnly) => `配信 (${n})${failedOnly ? '・失敗のみ' : ''}`,
  overview: '概要',
  findings: '注意点',
  sessionsAndOutcomes: 'セッションと結果',
  service: 'サービス',
  sessions: 'セッション',
  outcome: {
    ok: '正常',
    error: 'エラー',
    rejected: '拒否された',
    'relay denied': '中継拒否',
    'auth failed': '認証失敗',
  },
  deliveriesCard: '配信 (MTA 配信結果ログ)',
  delivered: '配信済み',
  temporary: '一時的な失敗 (-7, -9)',
  failure: '失敗',
  authByUser: 'ユーザー別の認証失敗',
  authByIp: 'IP 別の認証失敗',
  relayByPeer: '接続元別の中継拒否',
  busiestPeers: '接続の多い相手 (セッション数)',
  linesOverTime: 'サービス別の行数の推移',
  none: 'なし',
  nothingStandsOut: 'この閾値では目立つ事象はありません。',
  showEvidence: '根拠を表示',
  thresholds: '閾値',
  findingTitle: {
    'password-guessing-ip': (s, n) => `${s} からのパスワード推測: ログイン失敗 ${n} 回`,
    'password-guessing-user': (s, n) => `ユーザー ${s} へのパスワード推測: ログイン失敗 ${n} 回`,
    'relay-attempts': (s, n) => `${s} からの中継の試み: ${n} 回拒否`,
    'failing-domain': (s, n) => `${s} への配信が失敗し続けています: ${n} 件`,
    'temporary-surge': (_s, n) => `一時的な失敗 (-7, -9) の急増: ${n} 件`,
    'service-restart': (s, n) => `${s} のサービスが ${n} 回再起動しました`,
    'level-change': (s, n) => `${s} のデバッグレベルが ${n} 回変わりました`,
    gap: (s, n) => `${s} に ${n} 分間ログがありません`,
  },
  thresholdText: {
    guess: (n, min) => `${min} 分以内に ${n} 回以上の失敗`,
    relay: (n) => `${n} 回以上の拒否`,
    domain: (n, pct) => `${n} 件以上の失敗、配信の ${pct} % 以上`,
    surge: (n, min) => `${min} 分以内に ${n} 件以上`,
    anyRestart: '再起動があれば',
    anyChange: '変更があれば',
    gap: (min) => `${min} 分以上`,
  },
  thresholdField: {
    guessFailures: 'ログイン失敗',
    guessWindowMin: '期間 (分)',
    relayDenials: '中継拒否',
    domainFailures: 'ドメインの失敗',
    domainFailurePercent: 'ドメインの失敗率 %',
    temporarySurge: '一時的な失敗',
    temporaryWindowMin: '期間 (分)',
    gapMin: '空白 (分)',
  },
  failedOnly: '失敗した配信のみ',
  text: 'テキスト',
  searchReport: '配信結果ログを検索',
  address: 'アドレス',
  senderOrRecipient: '送信者または宛先',
  from: '開始',
  before: '終了 (含まない)',
  to: '終了',
  clearAll: 'すべて解除',
  deliveriesOf: (shown, total) => `${total} 件中 ${shown} 件の配信`,
  codeChip: (codes) => `コード ${codes}`,
  resultsByCode: 'コード別の結果 (棒をクリックで絞り込み)',
  resultsOverTime: '結果の推移 (ブラシで期間を指定)',
  topDomains: '失敗の多い宛先ドメイン',
  topSenders: '失敗の多い送信者',
  columns: {
    journey: '経路',
    time: '時刻',
    sender: '送信者',
    recipient: '宛先',
    domain: '宛先ドメイン',
    code: 'コード',
    meaning: '意味',
    class: '分類',
    service: 'サービス',
    thread: 'スレッド',
    kind: '種類',
    message: 'メッセージ',
    file: 'ファイル',
  },
  columnChooser: '列',
  dragToResize: 'ドラッグで幅を変更',
  regex: '正規表現 (RE2)',
  searchLines: '行を検索 (日本語も可)  /',
  regexTitle: '正規表現で検索 (RE2: 線形時間、バックトラックなし)',
  peer: '接続相手',
  hostOrIp: 'ホスト名または IP',
  addressPlaceholder: 'MAIL FROM、RCPT TO、ユーザー',
  outcomeLabel: '結果',
  any: 'すべて',
  errorsOnly: 'エラーのみ',
  servicesLabel: 'サービス',
  kindsLabel: '種類',
  removeFilter: 'このフィルタを外す',
  rowsMatch: (shown, total) => `${total} 行中 ${shown} 行がフィルタに一致`,
  rows: (n, loading) => `${n} 行${loading ? ' (読み込み中)' : ''}`,
  reading: '読み込み中… 最初の部分の索引ができ次第、行が表示されます。',
  exportCsv: 'CSV に書き出す',
  exportLog: '.log に書き出す',
  exporting: '書き出し中…',
  exportCsvTitle: '表示中の行を CSV (UTF-8) で',
  exportLogTitle: '表示中の行を元の行のまま (バイトも改行もそのまま)',
  conversation: {
    session: (service, n) => `${service} セッション #${n}`,
    thread: 'スレッド',
    noThread: '— (1.26 以前のファイル)',
    peer: '接続相手',
    user: 'ユーザー',
    start: '開始',
    duration: '所要時間',
    report: '配信結果',
    previousOnThread: '← 同じスレッドの前',
    nextOnThread: '同じスレッドの次 →',
    previousOfPeer: '← 同じ相手の前',
    nextOfPeer: '同じ相手の次 →',
    onlyThis: 'このセッションだけを表に表示',
    copy: 'テキストでコピー',
  },
  fileList: {
    files: 'ファイル',
    file: 'ファイル',
    kind: '種類',
    encoding: '文字コード',
    format: '形式',
    level: 'レベル',
    lines: '行数',
    unparsed: '解析できない行',
    warnings: '警告',
  },
  linkTitles: {
    service: (svc) => `${svc} のすべての行`,
    outcome: (svc, outcome) => `結果が「${outcome}」の ${svc} セッション`,
    delivered: 'コード 0 の記録',
    temporary: 'コード -7 か -9 の記録 (再試行される)',
    failure: 'コードが 0 以外のすべての記録',
    item: (name) => `${name} の行`,
  },
  aria: {
    journey: '経路',
    deliveries: '配信',
    byCode: 'コード別の結果',
    overTime: '結果の推移',
    loadStatus: '読み込みの状況',
    bytesRead: '読み込んだバイト数',
    filesBeingRead: '読み込み中のファイル',
    filesNotRead: '読めなかったファイル',
    encodingOf: (name) => `${name} の文字コード`,
    views: '表示',
    conversation: '会話',
    otherSessions: 'ほかのセッション',
    filters: 'フィルタ',
    activeFilters: '有効なフィルタ',
    matchingOverTime: '一致した行の推移',
    log: 'ログ',
    scrollKeys: (label) => `${label}: PageUp、PageDown、Home、End でスクロール`,
  },
  linesWord: '行',
  kindNames: {
    unparsed: '解析できない行',
    'service start': 'サービス開始',
    'service stop': 'サービス停止',
    connect: '接続',
    disconnect: '切断',
    command: 'コマンド',
    reply: '応答',
    note: '記録',
    report: '配信結果',
  },
  emptyReady: '行がありません: どのファイルも空か、読めませんでした。',
  emptyIdle:
    'PMailServer のログファイルか logs フォルダーをこのページのどこかにドロップするか、ファイルを選択してください。',
  emptyHint:
    'SMTP、POP3、IMAP4、MTA のログと MTA 配信結果ログ (Shift_JIS または UTF-8)。ファイルはこのタブの中で読み込まれ、どこにもアップロードされません。',
  rowsSoFar: (n) => `${n} 行 (読み込み中)`,
  cancel: '中止',
  levelWarning: (replies) =>
    `デバッグレベル ${replies ? 3 : 2} 未満で書かれたファイルがあります: ${replies ? 'サーバーの応答' : 'クライアントのコマンド'}が記録されていないため、エラーはサーバーの記録にしか現れません。`,
  bestEffortNote:
    '1.26 形式のファイルにはスレッド ID がありません: 接続はファイル順に区切られ、接続が重なっていない場合にだけ正確です (推定)。',
  bestEffort: '推定',
  fileKind: { report: 'MTA 配信結果', service: 'サービスログ' },
  encodingSource: { bom: 'BOM', detected: '判定', override: '指定', default: '既定: ASCII のみ' },
  conversationNotes: {
    partial: '一部のみ: 接続はこのファイルより前に始まっています。',
    bestEffort: '推定: 1.26 以前のファイルにはスレッド ID がなく、重なった接続が混ざることがあります。',
    warnings: '途中でエラーがありましたが、最終的には正常です。',
    failedConnect: 'この配信の接続の試みが失敗しました。',
    truncated: (shown, total) =>
      `${total} 行のうち最初の ${shown} 行を表示しています: 「このセッションだけを表に表示」ですべて見られます。`,
  },
  chips: {
    text: (t) => `テキスト「${t}」`,
    regex: (r) => `正規表現 /${r}/`,
    services: (list) => `サービス: ${list || 'なし'}`,
    kinds: (list) => `種類: ${list || 'なし'}`,
    from: (t) => `${t} から`,
    before: (t) => `${t} より前`,
    errorsOnly: 'エラーのみ',
    peer: (p) => `接続相手「${p}」`,
    address: (a) => `アドレス「${a}」`,
    outcome: (list) => `結果: ${list}`,
    failedDeliveries: '失敗した配信',
    thread: (t) => `スレッド ${t}`,
    session: (n) => `セッション #${n}`,
  },
  timelineOrder: '時系列に統合: ファイルを時刻順に合わせ、各ファイル内の順序は保持',
  fileOrder: '読み込み中はファイル順: 索引の完成後に時系列に統合されます',
  trace: '追跡',
  traceTitle: 'このメールがサーバーをどう通ったか',
  deliveryClass: { delivered: '配信済み', temporary: '一時的', failure: '失敗' },
  fileProblem: (p: FileProblem): string => {
    switch (p.code) {
      case 'binary':
        return `バイナリデータです（オフセット ${num(p.offset)} に NUL バイト）。PMailServer のログではないようです`;
      case 'utf-16':
        return 'UTF-16 のテキストには対応していません。Shift_JIS か UTF-8 で保存し直してください';
      case 'too-large':
        return `ファイルが ${gib(p.bytes)} GiB あります。${gib(p.limit)} GiB を超えるファイルはここでは索引できません。小さなファイルに分割してください`;
      case 'too-many-files':
        return `ファイルが多すぎます（最大 ${num(p.limit)} 個）。一度に読み込む数を減らしてください`;
      case 'changed':
        return '読み込み中にファイルが変更されました。コピーしてから、コピーを開いてください';
      case 'truncated':
        return `ファイルが途中で終わっています。${num(p.size)} バイト中 ${num(p.read)} バイトしか読めませんでした（切り詰められたか、書き込み中ではありませんか）`;
      case 'unreadable':
        return `ブラウザがこのファイルを読めませんでした: ${p.detail}`;
      case 'parser-crashed':
        return `このファイルの解析中にパーサーが停止しました: ${p.detail}`;
      case 'over-load-limit':
        return `読み込んでいません。このページが扱える ${gib(p.limit)} GiB を超えてしまいます。一度に開くファイルを減らしてください`;
      case 'archive-corrupt':
        return `アーカイブが壊れています: ${p.detail}`;
      case 'archive-encrypted':
        return 'アーカイブ内で暗号化されています。パスワードで展開してからファイルを開いてください';
      case 'archive-method':
        return `このページでは展開できない圧縮方式です（${p.method}）。先に展開してからファイルを開いてください`;
      case 'archive-too-large':
        return `展開すると、このページが扱える ${gib(p.limit)} GiB を超えます。展開して、一度に開くファイルを減らしてください`;
      case 'archive-bomb':
        return `展開を中止しました。${num(p.ratio)} 倍を超えて膨らむアーカイブで、ログではありえません（ZIP 爆弾では？）`;
      case 'archive-not-opened':
        return 'アーカイブです。コマンドラインは通常のファイルだけを読むので、先に展開してください（ページではアーカイブを開けます）';
    }
  },
  fileWarning: (w: FileWarning): string => {
    switch (w.code) {
      case 'no-layout':
        return 'PMailServer の形式の行がひとつもありません。PMailServer のログですか？';
      case 'impossible-dates':
        return `存在しない日付の行が ${num(w.count)} 行あります（最初は ${num(w.firstLine)} 行目）。書かれたとおりに残し、それぞれ直前の行の後に置いています`;
      case 'cr-only':
        return '行末が CR だけ（LF なし）のため、全体が 1 行として読まれます。行ごとに見るには改行を CRLF に変換してください';
    }
  },
  loadProblem: (p: LoadProblem): string => {
    switch (p.code) {
      case 'nothing-to-load':
        return '読み込むファイルがありません。';
      case 'sample-unavailable':
        return `サンプルログを取得できませんでした: ${p.detail}`;
      case 'folder-unreadable':
        return `ドロップされたフォルダーを読めませんでした: ${p.detail}`;
      case 'engine-failed':
        return `エンジンが停止しました: ${p.detail}`;
    }
  },
  fileState: { waiting: '待機中', unpacking: '展開中', reading: '読み込み中', done: '完了', error: 'エラー' },
  loadingFailed: '読み込みに失敗しました:',
  loadingCancelled: '読み込みを中止しました。',
  dropHere: 'ログファイルか logs フォルダーをドロップして開きます',
  journeyTitle: 'メールの経路',
  reported: '記録',
  result: '結果',
  close: '閉じる',
  journeyStep: { accepted: '受信 (SMTP)', delivery: '配信 (MTA)', pickup: '受け取り (POP3 / IMAP4)' },
  certaintyNone: '該当するセッションなし',
  certaintyOne: '該当するセッションは 1 つ',
  certaintySeveral: (n) => `${n} 個のセッションが該当: 最も近いものを表示`,
  openConversation: '会話を開く',
  journeyNote:
    '送信者・宛先・時刻で推定したつながりです。複数が該当する場合は最も近いものを、該当しない場合は何も表示しません。',
};
