import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // iconv-lite (the CP932 codec, used in the worker) needs Node's Buffer and StringDecoder. Vite
    // would externalise both as Node built-ins; point them at their npm ports on purpose.
    alias: [
      { find: /^buffer$/, replacement: 'buffer/' },
      { find: /^string_decoder$/, replacement: 'string_decoder/' },
    ],
  },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    // Fixed zone and locale: timestamps are naive server time and must never shift with the machine.
    env: { TZ: 'Asia/Tokyo', LANG: 'C.UTF-8' },
  },
});
