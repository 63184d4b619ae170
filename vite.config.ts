import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy } from './scripts/csp.ts';

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  resolve: {
    // iconv-lite (the CP932 encoder of search terms, loaded by the engine worker on demand) needs
    // Node's Buffer and StringDecoder. Vite would externalise both as Node built-ins; point them at
    // their npm ports on purpose.
    alias: [
      { find: /^buffer$/, replacement: 'buffer/' },
      { find: /^string_decoder$/, replacement: 'string_decoder/' },
    ],
  },
  worker: { format: 'es' },
  // The dev server scans these for dependencies before serving, dynamic imports included: the
  // workers' imports and what loads on first use (the chart library, the CP932 encoder, RE2) are
  // optimised up front, not when first needed (which reloaded the page under the user's click).
  optimizeDeps: { entries: ['index.html', 'src/worker/*.worker.ts'] },
  build: { target: 'es2022', sourcemap: true },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    // Fixed zone and locale: timestamps are naive server time and must never shift with the machine.
    env: { TZ: 'Asia/Tokyo', LANG: 'C.UTF-8' },
  },
});
