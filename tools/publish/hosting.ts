/**
 * The text of a published site's `HOSTING.md` (issue 15): how to put the folder on a web server,
 * object storage or a static-site host, and the HTTP headers to send. `frame-ancestors` (who may
 * show the map in an `<iframe>`) is part of them because browsers ignore it in a `<meta>` policy.
 */
import type { SiteConfig } from '../../src/lib/data/site-config.ts';

/** Who may frame the site unless the publisher names the pages that embed it. */
export const DEFAULT_FRAME_ANCESTORS = "frame-ancestors 'self'";

/** The policy to send as an HTTP header: the page's own, plus `frame-ancestors`. */
export function headerPolicy(pagePolicy: string, frameAncestors = DEFAULT_FRAME_ANCESTORS): string {
  return `${pagePolicy.replace(/;\s*$/, '')}; ${frameAncestors}`;
}

/** Headers besides the policy, as docs/SECURITY-HEADERS.md gives them for the app (less `X-Frame-Options`, which would forbid every embed). */
export const OTHER_HEADERS: readonly (readonly [name: string, value: string])[] = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'no-referrer'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=(), display-capture=(), browsing-topics=(), clipboard-write=(self)'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
];

/** The file types of a site and the `Content-Type` each must be served with. */
export const SITE_CONTENT_TYPES: readonly (readonly [ext: string, type: string])[] = [
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript'],
  ['.css', 'text/css'],
  ['.json', 'application/json'],
  ['.geojson', 'application/geo+json'],
  ['.woff2', 'font/woff2'],
  ['.woff', 'font/woff'],
  ['.pbf', 'application/x-protobuf'],
  ['.cmds', 'application/octet-stream'],
];

/** `HOSTING.md` for a site with these settings, whose page states `pagePolicy`. */
export function hostingGuide(config: SiteConfig, pagePolicy: string): string {
  const policy = headerPolicy(pagePolicy);
  const all: readonly (readonly [string, string])[] = [['Content-Security-Policy', policy], ...OTHER_HEADERS];
  const each = (line: (name: string, value: string) => string): string => all.map(([n, v]) => line(n, v)).join('\n');
  const datasets = config.datasets.map((d) => `- ${d.name}: ${d.rows.toLocaleString('en-GB')} incidents (\`${d.core}\`, \`${d.details}\`)${d.attribution ? `; credit: ${d.attribution}` : ''}`);
  const types = SITE_CONTENT_TYPES.map(([ext, type]) => `| \`${ext}\` | \`${type}\` |`);
  return `# Hosting "${config.title}"

This folder is a complete, static Conflict Map site, made by \`npm run publish\`. It needs no
server code, database or build step: copy the whole folder to any static host. Every path in it is
relative, so it works at the root of a domain or under a sub-path (\`https://example.org/maps/sagaing/\`).
The page requests nothing from any other host.

What it ships:

${datasets.length ? datasets.join('\n') : '- no datasets of its own'}
- built-in data (curated incidents and displacement, UCDP GED): ${config.builtin ? 'yes' : 'no'}
- readers may import their own files: ${config.allowImport ? 'yes' : 'no'}

\`site.json\` holds these settings. Do not edit \`data/site/\`: each file is checked against the
content hash \`site.json\` names, and a changed file is refused. Publish again instead.

## The headers to send

The page carries its content security policy in a \`<meta>\` tag, so it is protected on any host.
Send it as an HTTP header as well where you can: only the header can say which pages may show the
map in an \`<iframe>\` (\`frame-ancestors\`; browsers ignore it in a \`<meta>\` policy).

\`\`\`
${each((n, v) => `${n}: ${v}`)}
\`\`\`

\`frame-ancestors 'self'\` lets only pages of the same origin embed the map. To embed it in your
articles, name their origin: \`frame-ancestors 'self' https://news.example.org\`. To forbid every
embedding, use \`frame-ancestors 'none'\`. Do not send \`X-Frame-Options\` (docs/SECURITY-HEADERS.md in
the app's repository sends \`DENY\` for the app itself): it would forbid every embed, whatever
\`frame-ancestors\` allows.

Serve the files with these types (most servers already do; \`.cmds\` is ours):

| Extension | Content-Type |
|---|---|
${types.join('\n')}

The \`.cmds\` dataset files are already compressed inside: leave them as they are (a server may
still compress them again on the wire; the page reads the bytes it receives).

## On a web server

nginx, inside the \`server\` block (here for a sub-path; nginx's usual \`default_type
application/octet-stream\` already serves \`.cmds\`, \`.geojson\` and \`.pbf\` in a way the page reads):

\`\`\`nginx
location /maps/sagaing/ {
    alias /var/www/maps/sagaing/;
${each((n, v) => `    add_header ${n} "${v}" always;`)}
}
\`\`\`

Apache (\`.htaccess\` in this folder, with \`mod_headers\`):

\`\`\`apache
AddType application/octet-stream .cmds
AddType application/geo+json .geojson
AddType application/x-protobuf .pbf
${each((n, v) => `Header always set ${n} "${v}"`)}
\`\`\`

Caddy:

\`\`\`caddy
handle_path /maps/sagaing/* {
    root * /var/www/maps/sagaing
${each((n, v) => `    header ${n} "${v}"`)}
    file_server
}
\`\`\`

## On object storage (S3, Google Cloud Storage, Azure Blob and the like)

Upload the folder as it is, keeping its paths, with each file's Content-Type set from the table
above (most upload tools guess every type but \`.cmds\`; set that one by hand). Object storage
cannot send a content security policy header by itself: put the bucket behind the provider's CDN
and add the headers above as a response-headers policy there. Without it the \`<meta>\` policy
still applies, but any page can frame the map.

## On a static-site host

Hosts that read a \`_headers\` file (Netlify, Cloudflare Pages) take one beside \`index.html\`:

\`\`\`
/*
${each((n, v) => `  ${n}: ${v}`)}
\`\`\`

Hosts that set headers in a JSON config (Vercel's \`vercel.json\`, Firebase's \`firebase.json\`) take the
same headers for the source \`/(.*)\` or \`**\`. GitHub Pages and other hosts that cannot set headers
still serve a working, protected site (the \`<meta>\` policy applies), but cannot limit who frames it.

## Check it

Open the site, then your browser's developer tools: the Network panel should list requests to
this site's own origin only, and the Console no content security policy violation. Open it with
\`?embed\` at the end of the address to see what an \`<iframe>\` shows.
`;
}
