// 全文搜索：Pagefind 的索引与脚本都在本站的 pagefind/ 目录下，按年度分为几份（报告多的年度再分，pagefind/shards.json 列出），
// 载入最新一年的一份，再合并其余各年；不向其他网站发出请求。
// Pagefind 按词查找（“人民调解”是“人民”和“调解”两个词），结果再按完整词语筛选（phrase-hits.ts）：
// 含完整词语的报告排在前面，只列出含有它的章节，摘要显示它所在的句子。
import { phraseHits, queryPhrases, type FragmentText, type PageHit, type Piece } from './phrase-hits.ts';

interface PagefindData extends FragmentText {
  excerpt: string;
  meta: { title?: string };
}
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  mergeIndex(path: string, o: Record<string, unknown>): Promise<void>;
  search(q: string): Promise<{ results: { data(): Promise<PagefindData> }[] } | null>;
}

/** Reports shown at most; results are checked for the whole phrase in batches until that many are found. */
const SHOWN = 20;
const BATCH = 10;
/** Pagefind's results read at most (each is a fragment file to fetch): on a phone, a few megabytes. */
const CHECKED = 200;

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
function pagefindExcerpt(html: string): HTMLElement {
  const p = element('p', { className: 'search-excerpt' });
  const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, 'text/html').body.firstElementChild!;
  for (const node of Array.from(parsed.childNodes)) {
    if (node.nodeName === 'MARK') p.append(element('mark', { textContent: node.textContent ?? '' }));
    else p.append(node.textContent ?? '');
  }
  return p;
}

function excerpt(pieces: Piece[]): HTMLElement {
  const p = element('p', { className: 'search-excerpt' });
  for (const piece of pieces) p.append(piece.mark ? element('mark', { textContent: piece.text }) : piece.text);
  return p;
}

function resultItem(data: PagefindData, hit: PageHit | undefined, quoted: string): HTMLLIElement {
  const item = element('li', { className: 'search-result' });
  const heading = element('h2');
  heading.append(element('a', { href: data.url, textContent: data.meta.title ?? data.url }));
  item.append(heading);
  // With sections listed, each shows its own excerpt; the report says how often the words occur.
  if (!hit) item.append(pagefindExcerpt(data.excerpt));
  else if (!hit.sections.length) item.append(excerpt(hit.excerpt));
  else item.append(element('p', { className: 'search-count', textContent: `${quoted}出现 ${hit.count} 次，在以下 ${hit.sections.length} 个章节：` }));
  if (hit?.sections.length) {
    const sub = element('ul', { className: 'search-sections' });
    for (const s of hit.sections) {
      const li = element('li');
      li.append(element('a', { href: s.url, textContent: s.title }), excerpt(s.excerpt));
      sub.append(li);
    }
    item.append(sub);
  }
  return item;
}

async function run(query: string): Promise<void> {
  if (!status || !list) return;
  list.replaceChildren();
  const phrases = queryPhrases(query);
  if (!phrases.length) {
    status.textContent = '请输入要查找的词，如“人民调解”“行政复议”。';
    return;
  }
  const quoted = phrases.map((p) => `“${p}”`).join('');
  status.textContent = '正在搜索…';
  try {
    const search = await (await load())?.search(query);
    const results = search?.results ?? [];
    // Pagefind's order, then the reports holding the whole phrase first, most occurrences first.
    const matched: { data: PagefindData; hit: PageHit }[] = [];
    const others: PagefindData[] = [];
    let checked = 0;
    while (checked < Math.min(results.length, CHECKED) && matched.length < SHOWN) {
      const batch = await Promise.all(results.slice(checked, checked + BATCH).map((r) => r.data()));
      checked += batch.length;
      for (const data of batch) {
        const hit = phraseHits(data, phrases);
        if (hit) matched.push({ data, hit });
        else others.push(data);
      }
    }
    const shown = matched.sort((a, b) => b.hit.count - a.hit.count).slice(0, SHOWN);
    if (shown.length) {
      const more = matched.length >= SHOWN && checked < results.length ? `，只列出前 ${shown.length} 份` : checked < results.length ? `；只查看了相关度最高的 ${checked} 份报告，可以换一个更具体的词` : '';
      status.textContent = `找到 ${shown.length} 份相关报告（含有${quoted}${more}）。`;
      for (const { data, hit } of shown) list.append(resultItem(data, hit, quoted));
    } else if (others.length) {
      // No report has the whole phrase: say so, and offer the ones with some of its words.
      const where = checked < results.length ? `在相关度最高的 ${checked} 份报告中` : '';
      status.textContent = `${where}没有找到含有${quoted}的内容。以下 ${Math.min(others.length, SHOWN)} 份报告含有其中的部分词语。`;
      for (const data of others.slice(0, SHOWN)) list.append(resultItem(data, undefined, quoted));
    } else {
      status.textContent = `没有找到与${quoted}相关的内容。`;
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
