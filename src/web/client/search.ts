// 全文搜索：Pagefind 的索引与脚本都在本站的 pagefind/ 目录下，按年度分为几份（pagefind/shards.json 列出），
// 载入最新一年的一份，再合并其余各年；不向其他网站发出请求。
interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
  locations?: number[];
}
interface PagefindData {
  url: string;
  excerpt: string;
  meta: { title?: string };
  sub_results: PagefindSubResult[];
}
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  mergeIndex(path: string, o: Record<string, unknown>): Promise<void>;
  search(q: string): Promise<{ results: { data(): Promise<PagefindData> }[] } | null>;
}

const form = document.querySelector<HTMLFormElement>('#search-form');
const input = document.querySelector<HTMLInputElement>('#search-q');
const status = document.querySelector<HTMLElement>('#search-status');
const list = document.querySelector<HTMLOListElement>('#search-results');
const base = document.documentElement.dataset.base ?? '/';
let pagefind: Pagefind | undefined;

async function load(): Promise<Pagefind | undefined> {
  if (!pagefind) {
    const shards = (await (await fetch(`${base}pagefind/shards.json`)).json()) as { bundles: { name: string }[] };
    const [newest, ...earlier] = shards.bundles;
    if (!newest) return undefined;
    const loaded = (await import(/* @vite-ignore */ `${base}pagefind/${newest.name}/pagefind.js`)) as Pagefind;
    await loaded.options({ baseUrl: base });
    for (const bundle of earlier) await loaded.mergeIndex(`${base}pagefind/${bundle.name}/`, { baseUrl: base });
    pagefind = loaded;
  }
  return pagefind;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props);
}

/** Pagefind's excerpts are text from our own pages with <mark> around the hits; keep only that. */
function excerpt(html: string): HTMLElement {
  const p = element('p', { className: 'search-excerpt' });
  const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, 'text/html').body.firstElementChild!;
  for (const node of Array.from(parsed.childNodes)) {
    if (node.nodeName === 'MARK') p.append(element('mark', { textContent: node.textContent ?? '' }));
    else p.append(node.textContent ?? '');
  }
  return p;
}

async function run(query: string): Promise<void> {
  if (!status || !list) return;
  list.replaceChildren();
  if (!query.trim()) {
    status.textContent = '请输入要查找的词，如“人民调解”“行政复议”。';
    return;
  }
  status.textContent = '正在搜索…';
  try {
    const search = await (await load())?.search(query);
    const results = search ? await Promise.all(search.results.slice(0, 20).map((r) => r.data())) : [];
    status.textContent = results.length ? `找到 ${results.length} 份相关报告。` : `没有找到与“${query}”相关的内容。`;
    for (const r of results) {
      const item = element('li', { className: 'search-result' });
      const heading = element('h2');
      heading.append(element('a', { href: r.url, textContent: r.meta.title ?? r.url }));
      item.append(heading, excerpt(r.excerpt));
      // The sections with the most hits first: they are where the topic is treated.
      const sections = r.sub_results
        .filter((s) => s.url !== r.url)
        .sort((a, b) => (b.locations?.length ?? 0) - (a.locations?.length ?? 0))
        .slice(0, 5);
      if (sections.length) {
        const sub = element('ul', { className: 'search-sections' });
        for (const s of sections) {
          const li = element('li');
          li.append(element('a', { href: s.url, textContent: s.title }), excerpt(s.excerpt));
          sub.append(li);
        }
        item.append(sub);
      }
      list.append(item);
    }
  } catch {
    status.textContent = '搜索暂时不可用，请按年度浏览报告。';
  }
}

if (form && input) {
  const q = new URLSearchParams(location.search).get('q') ?? '';
  input.value = q;
  if (q) void run(q);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const query = input.value;
    history.replaceState(null, '', `?q=${encodeURIComponent(query)}`);
    void run(query);
  });
}
