/**
 * The single-file build (`vite build --mode single-file`, the second half of `npm run build`):
 * one HTML file that works opened straight from disk (file://), with no server and no network,
 * for an admin who copies it to an isolated machine.
 *
 * - Workers: Chrome starts no worker from a file:// URL, so every
 *   `new Worker(new URL('./x.worker.ts', import.meta.url), options)` becomes Vite's
 *   `./x.worker.ts?worker&inline` (the worker's code as a string, started from a blob: URL). The same
 *   rewrite runs inside the worker bundles, so the engine's nested parse and read workers are inlined
 *   into the engine's code.
 * - Lazy chunks (the chart library, the CP932 encoder, RE2): bundled into their importer
 *   (`codeSplitting: false`), in the page and in the workers alike.
 * - The script and the stylesheet are written into the HTML; the favicon becomes a data: URL; the
 *   sample set is built in as base64 (`__PMAIL_SAMPLE__`, read by src/state/sample.ts).
 * - Its Content-Security-Policy allows exactly the inline script and style it holds, by their
 *   SHA-256 (no 'unsafe-inline'), workers from blob: URLs, WebAssembly, images from data: (the
 *   favicon), and nothing else: no origin at all, so nothing can be fetched.
 *
 * The normal build and the dev server are untouched: there the workers are module workers from
 * their own files, and the lazy chunks load on first use.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { BASE_CSP, insertCspMeta, serializeCsp } from './csp.ts';

export const SINGLE_FILE_MODE = 'single-file';
export const SINGLE_FILE_DIR = 'dist-single';
export const SINGLE_FILE_NAME = 'pmail-log-viewer.html';

const publicFile = (path: string) => new URL(`../public/${path}`, import.meta.url);

/** A worker started from its own file, as the app writes it (src/worker/client.ts, engine.worker.ts). */
const WORKER_FROM_URL =
  /new Worker\(\s*new URL\(\s*(['"])(\.{1,2}\/[\w./-]+\.worker\.ts)\1\s*,\s*import\.meta\.url\s*\)\s*,?/g;

/** Rewrites every `new Worker(new URL(…))` of a module into an inline worker; fails on any it misses. */
export function inlineWorkers(): Plugin {
  return {
    name: 'pmail:inline-workers',
    enforce: 'pre',
    transform: {
      filter: { id: /\/src\/.*\.tsx?$/, code: 'new Worker(' },
      handler(code, id) {
        const imports: string[] = [];
        const out = code.replace(WORKER_FROM_URL, (_match, _quote, path: string) => {
          const name = `__PmailInlineWorker${imports.length}`;
          imports.push(`import ${name} from ${JSON.stringify(`${path}?worker&inline`)};`);
          // Vite's wrapper takes the same options (it keeps `name`) and returns the Worker.
          return `new ${name}(`;
        });
        if (/new Worker\(/.test(out)) {
          this.error(`${id}: a worker not written as new Worker(new URL('./x.worker.ts', import.meta.url))`);
        }
        return { code: imports.join('\n') + '\n' + out, map: null };
      },
    },
  };
}

/**
 * The sample set (public/sample, in the manifest's order) as `{ name, base64 }[]`, the code of the
 * `__PMAIL_SAMPLE__` define.
 */
export function sampleDefine(): string {
  const manifest = JSON.parse(readFileSync(publicFile('sample/manifest.json'), 'utf8')) as {
    files: string[];
  };
  const files = manifest.files.map((name) => ({
    name,
    base64: readFileSync(publicFile(`sample/${name}`)).toString('base64'),
  }));
  return JSON.stringify(files);
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Text that cannot close the element it sits in: `</script` → `<\/script` (the same string in JS). */
const escapeClosing = (text: string, tag: string) => text.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1');

/** Writes the bundle's one script and one stylesheet into the HTML, with a CSP by their hashes. */
export function singleFile(): Plugin {
  return {
    name: 'pmail:single-file',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const html = bundle['index.html'];
      if (html?.type !== 'asset') this.error('no index.html in the bundle');
      let page = String(html.source);
      const chunks = Object.values(bundle).filter((o) => o.type === 'chunk');
      const styles = Object.values(bundle).filter((o) => o.type === 'asset' && o.fileName.endsWith('.css'));
      if (chunks.length !== 1 || !chunks[0].isEntry) {
        this.error(`one script expected, got ${chunks.map((c) => c.fileName).join(', ')}`);
      }
      // Vite wraps each lazy import as `__vitePreload(factory, __VITE_PRELOAD__)` and fills the
      // marker in when it finds the import() beside it; bundled in, there is none: nothing to preload.
      const code = chunks[0].code.replaceAll('__VITE_PRELOAD__', 'void 0');
      const script = escapeClosing(code, 'script');
      const style = escapeClosing(
        styles.map((s) => String(s.type === 'asset' && s.source)).join('\n'),
        'style',
      );

      const scriptTag = /<script type="module" crossorigin src="[^"]*"><\/script>/;
      const styleTags = /<link rel="stylesheet" crossorigin href="[^"]*">/g;
      if (!scriptTag.test(page)) this.error('index.html: the entry <script> was not found');
      // The hashes are of the text as written: the HTML parser would rewrite a CR or a NUL, and
      // `<!--` can start an escaped state in a script element. Neither is in the bundle; if one
      // ever is, the build says so rather than writing a page that does not run.
      if (/[\r\0]|<!--/.test(script + style)) this.error('the bundle holds a CR, a NUL or "<!--"');
      // The style first: once the script is in, its text might hold a `</head>` of its own.
      // Functions as replacements: the code holds `$&` and friends, which a string would expand.
      page = page.replace('</head>', () => `<style>${style}</style>\n  </head>`);
      page = page.replace(styleTags, '');
      page = page.replace(scriptTag, () => `<script type="module">${script}</script>`);
      const favicon = readFileSync(publicFile('favicon.svg')).toString('base64');
      page = page.replace('href="/favicon.svg"', `href="data:image/svg+xml;base64,${favicon}"`);
      if (/\b(?:src|href)="\/(?!\/)/.test(page))
        this.error('index.html still points at a file of the server');

      const policy = serializeCsp({
        ...BASE_CSP,
        'script-src': [sha256(script), "'wasm-unsafe-eval'"],
        'style-src': [sha256(style)],
        'img-src': ['data:'],
        'font-src': ["'none'"],
        'connect-src': ["'none'"],
        'worker-src': ['blob:'],
        'manifest-src': ["'none'"],
      });
      page = insertCspMeta(page, policy);

      for (const name of Object.keys(bundle)) delete bundle[name];
      this.emitFile({ type: 'asset', fileName: SINGLE_FILE_NAME, source: page });
    },
  };
}
