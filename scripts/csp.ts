/**
 * The Content-Security-Policy of the page: nothing from a log can run as code, and nothing can leave
 * the machine. Every fetch, script, style, font and worker comes from the page's own origin; no
 * remote origin is named anywhere. WebAssembly (the line scanner)
 * needs 'wasm-unsafe-eval', which allows compiling WebAssembly and nothing else (no eval of text).
 *
 * The policy reaches the page three ways:
 * - `vite build`: a <meta> first in <head>, so it holds for the page wherever dist/ is served from
 *   (a worker takes the policy of its own response: a host should send the header too);
 * - `vite preview`: the same policy as an HTTP header on every response (workers included), plus
 *   `frame-ancestors`, which a <meta> cannot carry;
 * - `vite` (dev): as a header, with a nonce for the inline scripts and <style> elements the dev
 *   server writes (React's refresh preamble, CSS modules injected by /@vite/client), handed to
 *   Vite as `html.cspNonce` so that every tag it writes carries it. No 'unsafe-inline'.
 * The single-file build writes its own policy, with hashes (scripts/single-file.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Plugin } from 'vite';

export type CspDirectives = Record<string, readonly string[]>;

/** The policy of the built app, before the additions of the dev server and the header. */
export const BASE_CSP: CspDirectives = {
  'default-src': ["'none'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'font-src': ["'self'"],
  // The sample set is fetched from the page's own origin.
  'connect-src': ["'self'"],
  // The engine worker and its nested parse and read workers (the single file's are blob:, in its own policy).
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

/** Only an HTTP header can forbid framing; a <meta> with it is ignored with a console error. */
const HEADER_ONLY: CspDirectives = { 'frame-ancestors': ["'none'"] };

export function serializeCsp(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/** `base` with `extra`'s sources added to the same directives (or new ones). */
export function extendCsp(base: CspDirectives, extra: CspDirectives): CspDirectives {
  const out: Record<string, readonly string[]> = { ...base };
  for (const [name, sources] of Object.entries(extra)) out[name] = [...(out[name] ?? []), ...sources];
  return out;
}

/**
 * The policy in every mode (see the file's comment). The dev nonce is drawn once per server start:
 * Vite writes one nonce into the config, not one per response. It is unguessable to a log's
 * content, which is only ever rendered as text and cannot read it.
 */
export function contentSecurityPolicy(options: { meta: boolean } = { meta: true }): Plugin {
  return {
    name: 'pmail:csp',
    config(_config, { command, isPreview }) {
      const header = serializeCsp({ ...BASE_CSP, ...HEADER_ONLY });
      if (isPreview) return { preview: { headers: { 'Content-Security-Policy': header } } };
      if (command !== 'serve') return;
      const nonce = randomBytes(18).toString('base64');
      const dev = extendCsp(BASE_CSP, {
        'script-src': [`'nonce-${nonce}'`],
        'style-src': [`'nonce-${nonce}'`],
      });
      return {
        html: { cspNonce: nonce },
        server: { headers: { 'Content-Security-Policy': serializeCsp({ ...dev, ...HEADER_ONLY }) } },
        preview: { headers: { 'Content-Security-Policy': header } },
      };
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        // The dev server sends its policy as a header; the single file writes its own.
        if (ctx.server || !options.meta) return;
        return insertCspMeta(html, serializeCsp(BASE_CSP));
      },
    },
  };
}

/** `html` with the policy as a <meta>, just after <meta charset> (which must stay first). */
export function insertCspMeta(html: string, policy: string): string {
  const charset = /<meta charset="[^"]*"\s*\/?>/i.exec(html);
  if (!charset) throw new Error('index.html has no <meta charset>: the CSP <meta> goes after it');
  const at = charset.index + charset[0].length;
  const meta = `\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`;
  return html.slice(0, at) + meta + html.slice(at);
}
