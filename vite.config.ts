import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy } from './scripts/csp.ts';
import {
  SINGLE_FILE_DIR,
  SINGLE_FILE_MODE,
  inlineWorkers,
  sampleDefine,
  singleFile,
} from './scripts/single-file.ts';

export default defineConfig(({ mode }) => {
  // `vite build --mode single-file`: the page as one HTML file that works from file:// (scripts/single-file.ts).
  const single = mode === SINGLE_FILE_MODE;
  return {
    plugins: single
      ? [react(), contentSecurityPolicy({ meta: false }), inlineWorkers(), singleFile()]
      : [react(), contentSecurityPolicy()],
    resolve: {
      // iconv-lite (the CP932 encoder of search terms, loaded by the engine worker on demand) needs
      // Node's Buffer and StringDecoder. Vite would externalise both as Node built-ins; point them at
      // their npm ports on purpose.
      alias: [
        { find: /^buffer$/, replacement: 'buffer/' },
        { find: /^string_decoder$/, replacement: 'string_decoder/' },
      ],
    },
    // The sample set, built into the single file only (src/state/sample.ts).
    define: { __PMAIL_SAMPLE__: single ? sampleDefine() : 'undefined' },
    // Chrome starts no module worker from a blob: URL of a file:// page (its opaque origin fails the
    // module fetch); classic ones start. So the single file's workers are classic scripts.
    worker: single
      ? {
          format: 'iife',
          plugins: () => [inlineWorkers()],
          rolldownOptions: { output: { codeSplitting: false } },
        }
      : { format: 'es' },
    // The dev server scans these for dependencies before serving, dynamic imports included: the
    // workers' imports and what loads on first use (the chart library, the CP932 encoder, RE2) are
    // optimised up front, not when first needed (which reloaded the page under the user's click).
    optimizeDeps: { entries: ['index.html', 'src/worker/*.worker.ts'] },
    build: single
      ? {
          target: 'es2022',
          outDir: SINGLE_FILE_DIR,
          emptyOutDir: true,
          sourcemap: false,
          cssCodeSplit: false,
          modulePreload: false,
          rolldownOptions: { output: { codeSplitting: false } },
        }
      : { target: 'es2022', sourcemap: true },
    // The single file holds the sample set itself; nothing of public/ is copied beside it.
    publicDir: single ? false : 'public',
    test: {
      include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
      environment: 'node',
      // Fixed zone and locale: timestamps are naive server time and must never shift with the machine.
      env: { TZ: 'Asia/Tokyo', LANG: 'C.UTF-8' },
    },
  };
});
