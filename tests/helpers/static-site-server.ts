/**
 * A small static file server for published sites (issue 15), as a plain web server would host
 * one: the site's folder under a sub-path (`/maps/sagaing/`), every response with the headers
 * `HOSTING.md` asks for (the page's policy plus `frame-ancestors`, as an HTTP header), and
 * extra pages at fixed paths (an article that embeds the map). Loopback only.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { SITE_CONTENT_TYPES } from '../../tools/publish/hosting.ts';

const TYPES = new Map<string, string>([...SITE_CONTENT_TYPES, ['.md', 'text/markdown; charset=utf-8']]);

/** What to serve. */
export interface StaticSiteOptions {
  /** The site's folder. */
  readonly dir: string;
  /** The sub-path it is served under, with slashes at both ends (`/maps/sagaing/`). */
  readonly prefix: string;
  /** Headers sent with every file of the site (the `Content-Security-Policy` header and the rest). */
  readonly headers: Readonly<Record<string, string>>;
  /** Pages outside the site, by path: their HTML and headers. */
  readonly pages?: Readonly<Record<string, { readonly html: string; readonly headers?: Readonly<Record<string, string>> }>>;
}

/** A running server: its origin, the bytes it sent by path, and how to stop it. */
export interface StaticSite {
  readonly origin: string;
  /** The site's address (origin + prefix). */
  readonly url: string;
  readonly sent: Map<string, number>;
  close(): Promise<void>;
}

/** Serves a published site on 127.0.0.1 at a free port. */
export async function serveStaticSite(options: StaticSiteOptions): Promise<StaticSite> {
  const sent = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const page = options.pages?.[path];
      if (page) {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...page.headers });
        res.end(page.html);
        return;
      }
      if (!path.startsWith(options.prefix)) {
        res.writeHead(404).end();
        return;
      }
      const rel = normalize(path.slice(options.prefix.length) || 'index.html');
      let file = join(options.dir, rel);
      if (rel.startsWith('..') || !file.startsWith(options.dir + sep)) {
        res.writeHead(403).end();
        return;
      }
      try {
        if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
        const body = await readFile(file);
        sent.set(path, (sent.get(path) ?? 0) + body.length);
        res.writeHead(200, {
          'Content-Type': TYPES.get(extname(file)) ?? 'application/octet-stream',
          'Content-Length': body.length,
          ...options.headers,
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      } catch {
        res.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the static server has no port');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    url: `${origin}${options.prefix}`,
    sent,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
