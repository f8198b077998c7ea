import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { parse, type DefaultTreeAdapterTypes as P } from 'parse5';
import { urlsOf } from '../lint/html-elements.ts';
import { listFiles } from '../store/files.ts';
import { GetFailure, httpGet, sizeText, type FailureKind } from './http-get.ts';
import { INTEGRITY_FILES } from './manifest.ts';
import { isPage } from './pages-file.ts';
import { isWithin, normalizeSeparators } from '../paths/project-path.ts';

export type Fetched =
  /** `contentType`: what a web server said the file is; `via`: redirects followed within the site. */
  | { status: 'ok'; bytes: Buffer; contentType?: string; via?: string[] }
  | { status: 'missing' }
  | { status: 'redirect'; location: string }
  | { status: 'error'; detail: string };

/** A published copy of the site: a folder on the web server, or the site over HTTP(S). */
export interface DeployedCopy {
  /** The folder or base URL, for messages. */
  label: string;
  read(rel: string): Promise<Fetched>;
  /** Files present there that `listed` does not contain. `pages`: HTML and XML already read. */
  findExtras(listed: ReadonlySet<string>, pages: ReadonlyMap<string, Buffer>): Promise<string[]>;
  /** What extra-file detection cannot see, when it has limits. */
  extrasLimit?: string;
}

export function localCopy(dir: string): DeployedCopy {
  const root = path.resolve(dir);
  return {
    label: dir,
    async read(rel) {
      const file = path.join(root, ...rel.split('/'));
      // Only files of the folder being checked, whatever a manifest lists.
      if (!isWithin(root, path.resolve(root, normalizeSeparators(rel)))) return { status: 'error', detail: `路径 ${rel} 在 ${dir} 之外，没有读取。` };
      try {
        return { status: 'ok', bytes: await readFile(file) };
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        return code === 'ENOENT' || code === 'ENOTDIR' ? { status: 'missing' } : { status: 'error', detail: (e as Error).message };
      }
    },
    async findExtras(listed) {
      return listFiles(root).filter((f) => !listed.has(f) && !INTEGRITY_FILES.has(f));
    },
  };
}

const encodePath = (rel: string) => rel.split('/').map(encodeURIComponent).join('/');

/** Links and sitemap entries of a page or XML file, as absolute URLs. */
function linksIn(bytes: Buffer, rel: string, pageUrl: URL): URL[] {
  const text = bytes.toString('utf8');
  const raw: string[] = [];
  if (/\.xml$/i.test(rel)) {
    for (const m of text.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)) raw.push(m[1]!.replace(/&amp;/g, '&'));
  } else {
    const walk = (node: P.ParentNode) => {
      for (const child of node.nodeName === 'template' ? (node as P.Template).content.childNodes : node.childNodes) {
        if (!('tagName' in child)) continue;
        const el = child as P.Element;
        const attributes = Object.fromEntries(el.attrs.map((a) => [a.name, a.value]));
        for (const { url } of urlsOf({ tag: el.tagName, attributes })) raw.push(url);
        walk(el);
      }
    };
    walk(parse(text));
  }
  const out: URL[] = [];
  for (const r of raw) {
    try {
      out.push(new URL(r, pageUrl));
    } catch {
      // Not a URL a browser could follow either.
    }
  }
  return out;
}

export interface HttpCopyOptions {
  userAgent?: string;
  /** No byte from the server for this long: that file could not be read. */
  timeoutMs?: number;
  maxProbes?: number;
  /** Most bytes of one decoded file. */
  maxFileBytes?: number;
  /** Most bytes read over the whole check. */
  maxTotalBytes?: number;
  /** Connections open at once to the server. */
  connections?: number;
}

const MAX_REDIRECTS = 5;
/** Failures of the connection itself (not of one file's content), this many in a row: stop asking. */
const GIVE_UP_AFTER = 3;
const CONNECTION_FAILURES = new Set<FailureKind>(['timeout', 'refused', 'reset', 'dns', 'unreachable', 'tls']);

/** `location` of a redirect from `from`, as an absolute URL, or undefined when it is not one. */
function resolveLocation(location: string, from: URL): URL | undefined {
  try {
    return new URL(location, from);
  } catch {
    return undefined;
  }
}

/** Reads URLs of one site with node:http, following redirects only inside `base`. */
export function siteReader(base: URL, options: HttpCopyOptions = {}): (url: URL) => Promise<Fetched> {
  const headers = { 'User-Agent': options.userAgent ?? 'nianbao-verify' };
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxFileBytes = options.maxFileBytes ?? 256 * 1024 * 1024;
  const maxTotalBytes = options.maxTotalBytes ?? 4 * 1024 * 1024 * 1024;
  const connections = options.connections ?? 4;
  const agent = base.protocol === 'https:' ? new https.Agent({ keepAlive: true, maxSockets: connections }) : new http.Agent({ keepAlive: true, maxSockets: connections });
  // Node's agent unrefs idle keep-alive sockets itself (and refs them again on reuse), so they do
  // not hold the process open after the check; unref-ing them here as well would also unref a
  // socket handed straight to a queued request, and the process would end mid-check (exit 13).
  const budget = { left: maxTotalBytes, limit: maxTotalBytes };
  // A server that stops answering half-way would otherwise cost a timeout for every file left.
  let failuresInARow = 0;
  let lastFailure = '';
  const inside = (url: URL) => url.origin === base.origin && url.pathname.startsWith(base.pathname);
  return async (first) => {
    let url = first;
    const via: string[] = [];
    for (let hop = 0; ; hop++) {
      if (budget.left < 0) return { status: 'error', detail: `本次检查读取的数据已超过 ${sizeText(maxTotalBytes)} 的上限，没有读取这个文件` };
      if (failuresInARow >= GIVE_UP_AFTER) return { status: 'error', detail: `没有读取：前面连续 ${failuresInARow} 个文件都读不到（${lastFailure}），网站可能已停止响应` };
      let res;
      try {
        res = await httpGet(url, { headers, timeoutMs, maxBytes: maxFileBytes, budget, agent });
        failuresInARow = 0;
      } catch (e) {
        const detail = e instanceof GetFailure ? e.message : String(e);
        if (e instanceof GetFailure && CONNECTION_FAILURES.has(e.kind)) {
          failuresInARow++;
          lastFailure = detail;
        }
        return { status: 'error', detail };
      }
      const contentType = res.headers['content-type'];
      if (res.status === 200) return { status: 'ok', bytes: res.body, ...(contentType ? { contentType } : {}), ...(via.length ? { via } : {}) };
      if (res.status === 404 || res.status === 410) return { status: 'missing' };
      if (res.status === 304) return { status: 'error', detail: '服务器回答 304（未修改），但请求没有带缓存条件，没有得到文件内容（服务器或中间的缓存设置有误）' };
      if ([301, 302, 303, 307, 308].includes(res.status)) {
        const location = String(res.headers.location ?? '');
        const next = resolveLocation(location, url);
        if (!next || !inside(next)) return { status: 'redirect', location: next?.href ?? location };
        if (hop + 1 >= MAX_REDIRECTS) return { status: 'error', detail: `重定向超过 ${MAX_REDIRECTS} 次（${[...via, next.href].join(' → ')}）` };
        via.push(next.href);
        url = next;
        continue;
      }
      return { status: 'error', detail: `服务器回答 HTTP ${res.status}` };
    }
  };
}

/**
 * The site over HTTP(S), under `baseUrl`. A web server lists no folders, so extra files are only
 * found when a page (or the sitemap) links to them: an injected page nothing links to stays unseen.
 */
export function httpCopy(baseUrl: string, options: HttpCopyOptions = {}): DeployedCopy {
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  const urlOf = (rel: string) => new URL(encodePath(rel), base);
  const get = siteReader(base, options);
  const read = (rel: string): Promise<Fetched> => get(urlOf(rel));
  /** The manifest path of a URL on this site, or undefined for another site or a page outside it. */
  const relOf = (url: URL): string | undefined => {
    if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return undefined;
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname.slice(base.pathname.length));
    } catch {
      return undefined;
    }
    return rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel;
  };
  return {
    label: base.href,
    read,
    extrasLimit: '通过 HTTP 检查时，服务器不提供目录列表，只能发现页面或 sitemap.xml 链接到的多余文件；没有任何链接指向的多余文件要在服务器上检查文件夹才能发现。',
    async findExtras(listed, pages) {
      const extras: string[] = [];
      const probed = new Set<string>([...listed, ...INTEGRITY_FILES]);
      const queue = [...pages.entries()];
      let probes = 0;
      const maxProbes = options.maxProbes ?? 1000;
      while (queue.length > 0) {
        const [rel, bytes] = queue.shift()!;
        for (const url of linksIn(bytes, rel, urlOf(rel))) {
          const target = relOf(url);
          if (target === undefined || probed.has(target) || probes >= maxProbes) continue;
          probed.add(target);
          probes++;
          const got = await read(target);
          if (got.status !== 'ok') continue;
          extras.push(target);
          if (isPage(target) || /\.xml$/i.test(target)) queue.push([target, got.bytes]);
        }
      }
      return extras.sort();
    },
  };
}
