/**
 * Finds every page and asset a built site links to, by following links from its home page over
 * HTTP, as a visitor's browser would, and reports what doesn't resolve.
 */
export interface CrawlResult {
  /** Every same-origin URL fetched, with its status. */
  visited: Map<string, number>;
  /** Same-origin URLs that did not answer 200, with the page that referenced them. */
  broken: { url: string; status: number; from: string }[];
  /** References to other origins (links only; the test asserts separately that nothing loads from them). */
  external: Set<string>;
}

const REFERENCE = /\s(?:href|src|srcset|content)="([^"]+)"/g;

function references(html: string): string[] {
  const out: string[] = [];
  // Attributes only inside tags; the text of a page never counts as a link.
  for (const tag of html.match(/<[a-zA-Z][^>]*>/g) ?? []) {
    if (/^<meta\b/i.test(tag) && !/http-equiv="refresh"/i.test(tag)) continue;
    for (const m of tag.matchAll(REFERENCE)) {
      const value = m[1]!.replace(/&amp;/g, '&');
      if (tag.includes('srcset=')) out.push(...value.split(',').map((s) => s.trim().split(/\s+/)[0]!));
      else out.push(value);
    }
  }
  return out;
}

export async function crawl(start: string, options: { extraStarts?: string[] } = {}): Promise<CrawlResult> {
  const origin = new URL(start).origin;
  const visited = new Map<string, number>();
  const broken: CrawlResult['broken'] = [];
  const external = new Set<string>();
  const queue: { url: string; from: string }[] = [start, ...(options.extraStarts ?? [])].map((url) => ({ url, from: '(start)' }));
  while (queue.length) {
    const { url, from } = queue.shift()!;
    if (visited.has(url)) continue;
    const res = await fetch(url, { redirect: 'follow' });
    visited.set(url, res.status);
    if (res.status !== 200) {
      broken.push({ url, status: res.status, from });
      continue;
    }
    const type = res.headers.get('content-type') ?? '';
    const body = await res.text();
    const refs = type.includes('text/html') ? references(body) : type.includes('css') ? [...body.matchAll(/url\(["']?([^"')]+)["']?\)/g)].map((m) => m[1]!) : [];
    for (const ref of refs) {
      if (/^(mailto|tel|data|javascript):/i.test(ref)) continue;
      const target = new URL(ref, url);
      if (target.origin !== origin) {
        external.add(target.href);
        continue;
      }
      target.hash = '';
      if (!visited.has(target.href)) queue.push({ url: target.href, from: url });
    }
  }
  return { visited, broken, external };
}
