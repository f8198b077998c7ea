/**
 * What a web server must do for a nianbao site, once, for the three configurations generated from
 * it (nginx, Apache, IIS): the headers every answer carries (the Content-Security-Policy as a header,
 * which unlike the pages' meta tag can forbid framing), the 404 page, the media types of every file
 * the build writes, and how long browsers may keep which files.
 */
import { CONTENT_SECURITY_POLICY } from '../web/page-meta.ts';

export interface ServerRules {
  /** The sub-path the site is served at, e.g. /ndbg/ (starts and ends with /). */
  basePath: string;
  /** The folder on the server holding the built site (a copy of dist/), e.g. /var/www/ndbg. */
  root: string;
  /** Headers on every answer, 404s included. */
  headers: [string, string][];
  /** File extension (without the dot) → media type; text types get `; charset=utf-8` from `charset`. */
  types: [string, string][];
  /** Media types served with `; charset=utf-8`. */
  charsetTypes: string[];
  /** Text types worth compressing on the fly (Pagefind's files are compressed already). */
  compressTypes: string[];
  /** The site path of the 404 page. */
  notFound: string;
  /** Cache-Control of files whose names change with their content (hashed), and of all others. */
  cache: { immutable: string; revalidate: string };
  /** Folders (under the base path) of files with hashed names. */
  immutableFolders: string[];
  /** Regular expression (on the path after the base) of hashed files elsewhere: Pagefind's fragments, index chunks and metadata. */
  immutablePattern: string;
}

/** The CSP of the pages, plus what only a header can say: no framing by other sites. */
export const CSP_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'self'`;

const TEXT = 'charset';

/** Every kind of file a build writes (and content images a site may add), with its media type. */
const TYPES: [string, string, typeof TEXT?][] = [
  ['html', 'text/html', TEXT],
  ['css', 'text/css', TEXT],
  ['js', 'text/javascript', TEXT],
  ['mjs', 'text/javascript', TEXT],
  ['json', 'application/json', TEXT],
  ['csv', 'text/csv', TEXT],
  ['txt', 'text/plain', TEXT],
  ['xml', 'application/xml', TEXT],
  ['sig', 'text/plain', TEXT],
  ['pem', 'text/plain', TEXT],
  ['svg', 'image/svg+xml', TEXT],
  ['png', 'image/png'],
  ['gif', 'image/gif'],
  ['jpg', 'image/jpeg'],
  ['jpeg', 'image/jpeg'],
  ['webp', 'image/webp'],
  ['ico', 'image/x-icon'],
  ['zip', 'application/zip'],
  ['wasm', 'application/wasm'],
  // Pagefind's index files are gzip-compressed by Pagefind itself and unpacked by its script.
  ['pagefind', 'application/octet-stream'],
  ['pf_fragment', 'application/octet-stream'],
  ['pf_index', 'application/octet-stream'],
  ['pf_meta', 'application/octet-stream'],
];

/**
 * The rules for a site under `basePath` kept in `root`. `fileTypes` are the types of the output
 * formats' files (the registry's, src/formats/registry.ts): PDF, Word, OFD.
 */
export function serverRules(basePath: string, root: string, fileTypes: readonly (readonly [string, string])[] = []): ServerRules {
  const base = basePath.endsWith('/') ? basePath : `${basePath}/`;
  const charsetTypes = [...new Set(TYPES.filter((t) => t[2]).map((t) => t[1]))];
  return {
    basePath: base,
    root: root.replace(/\/+$/, '') || '/',
    headers: [
      ['Content-Security-Policy', CSP_HEADER],
      ['X-Content-Type-Options', 'nosniff'],
      ['X-Frame-Options', 'SAMEORIGIN'],
      ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ],
    types: [...TYPES.map(([ext, type]): [string, string] => [ext, type]), ...fileTypes.filter(([ext]) => !TYPES.some((t) => t[0] === ext)).map(([ext, type]): [string, string] => [ext, type])],
    charsetTypes,
    compressTypes: charsetTypes,
    notFound: `${base}404.html`,
    cache: { immutable: 'public, max-age=31536000, immutable', revalidate: 'no-cache' },
    immutableFolders: ['_astro'],
    immutablePattern: 'pagefind/[^/]+/(?:fragment/[^/]+|index/[^/]+|[^/]+\\.pf_meta)',
  };
}

/** The first lines of each generated file, in its comment syntax. */
export function preamble(rules: ServerRules, comment: (line: string) => string, what: string, where = `网站文件在 ${rules.root}/（把 dist/ 的内容复制到这里）`): string {
  return [
    `由 nianbao server-config 生成：${what}`,
    `网站子路径 ${rules.basePath}，${where}。`,
    '重新构建、子路径或文件夹改变时重新生成；不要手改，改了下次会被覆盖。',
  ]
    .map(comment)
    .join('\n');
}
