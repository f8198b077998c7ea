import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, type DefaultTreeAdapterTypes as P } from 'parse5';
import { urlsOf } from '../lint/html-elements.ts';
import { listFiles } from './files.ts';
import { INTEGRITY_FILES } from './manifest.ts';
import { isPage } from './pages-file.ts';
import { isWithin, normalizeSeparators } from '../paths/project-path.ts';

export type Fetched =
  | { status: 'ok'; bytes: Buffer }
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

/**
 * The site over HTTP(S), under `baseUrl`. A web server lists no folders, so extra files are only
 * found when a page (or the sitemap) links to them: an injected page nothing links to stays unseen.
 */
export function httpCopy(baseUrl: string, options: { userAgent?: string; timeoutMs?: number; maxProbes?: number } = {}): DeployedCopy {
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  const headers = { 'User-Agent': options.userAgent ?? 'nianbao-verify' };
  const timeoutMs = options.timeoutMs ?? 30_000;
  const urlOf = (rel: string) => new URL(encodePath(rel), base);
  const read = async (rel: string): Promise<Fetched> => {
    try {
      const res = await fetch(urlOf(rel), { redirect: 'manual', headers, signal: AbortSignal.timeout(timeoutMs) });
      if (res.status === 200) return { status: 'ok', bytes: Buffer.from(await res.arrayBuffer()) };
      await res.body?.cancel();
      if (res.status === 404 || res.status === 410) return { status: 'missing' };
      if (res.status >= 300 && res.status < 400) return { status: 'redirect', location: res.headers.get('location') ?? '' };
      return { status: 'error', detail: `HTTP ${res.status}` };
    } catch (e) {
      return { status: 'error', detail: (e as Error).cause ? String((e as Error & { cause: unknown }).cause) : (e as Error).message };
    }
  };
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
