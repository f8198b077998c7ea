import { describe, expect, it } from 'vitest';
import { comparePages, textChanges } from '../../src/integrity/page-diff.ts';
import { findScript, snapshotPage } from '../../src/integrity/page-snapshot.ts';
import { snapshotPages } from '../../src/integrity/snapshot-pages.ts';

const page = (body: string, head = '<title>法治政府建设年度报告</title><meta name="Keywords" content="法治政府">') =>
  `<!doctype html><html lang="zh-CN"><head>${head}<script src="/ndbg/_astro/a.js"></script></head><body><main>${body}</main></body></html>`;

const ORIGINAL = page('<h1>所做的工作</h1><p>今年共排查、调处各类矛盾纠纷920件。</p><p>今年帮助审查企业用工合同1600余份。</p><a href="/ndbg/">首页</a>');

describe('page snapshots', () => {
  it('keeps title, meta, text lines, links and scripts', () => {
    const s = snapshotPage(ORIGINAL);
    expect(s.text).toEqual(['<title> 法治政府建设年度报告', '<meta Keywords> 法治政府', '所做的工作', '今年共排查、调处各类矛盾纠纷920件。', '今年帮助审查企业用工合同1600余份。', '首页']);
    expect(s.links).toEqual(['script src /ndbg/_astro/a.js', 'a href /ndbg/']);
    expect(s.scripts).toEqual(['script src /ndbg/_astro/a.js']);
    expect(s.hidden).toEqual([]);
  });

  it('shows a swapped word as exactly that', () => {
    const after = snapshotPage(ORIGINAL.replaceAll('今年', '娱乐老虎机'));
    const change = comparePages(snapshotPage(ORIGINAL), after);
    expect(change.addedText).toEqual(['娱乐老虎机', '娱乐老虎机']);
    expect(change.removedText).toEqual(['今年', '今年']);
    expect(change.addedLinks).toEqual([]);
  });

  it('shows an added hidden link, its text and where it points', () => {
    const tampered = ORIGINAL.replace('</main>', '<div style="position:absolute;left:-9999px"><a href="https://bet.example/">澳门新葡京</a></div></main>');
    const change = comparePages(snapshotPage(ORIGINAL), snapshotPage(tampered));
    expect(change.addedText).toEqual(['澳门新葡京']);
    expect(change.addedLinks).toEqual(['a href https://bet.example/']);
    expect(change.addedHidden).toEqual(['<div> left:-9999px（移到屏幕以外）: 澳门新葡京']);
  });

  it('names an added script and handler by their code', () => {
    const tampered = ORIGINAL.replace('<main>', '<main><script>location.href="https://bet.example/"</script>').replace('<h1>', '<h1 onmouseover="steal()">');
    const change = comparePages(snapshotPage(ORIGINAL), snapshotPage(tampered));
    expect(change.addedScripts).toHaveLength(2);
    expect(change.addedScripts.map((id) => findScript(tampered, id))).toEqual(['<script>location.href="https://bet.example/"</script>', '<h1 onmouseover="steal()">']);
  });

  it('sees a rewritten title and keywords (SEO spam)', () => {
    const tampered = ORIGINAL.replace('<title>法治政府建设年度报告', '<title>百家乐官网-法治政府建设年度报告');
    expect(comparePages(snapshotPage(ORIGINAL), snapshotPage(tampered)).addedText).toEqual(['百家乐官网-']);
  });

  it('reports whole added lines', () => {
    expect(textChanges(['甲', '乙'], ['甲', '新增一段', '乙'])).toEqual({ added: ['新增一段'], removed: [] });
    expect(textChanges(['甲', '乙'], ['甲'])).toEqual({ added: [], removed: ['乙'] });
  });
});

describe('snapshots of many pages', () => {
  it('are taken in worker threads for a large site, with the same result, in the same order, as one by one', async () => {
    const pages = Array.from({ length: 100 }, (_, i) => ORIGINAL.replace('今年', `第${i}年`).replace('</body>', `<a href="https://example.org/${i}">${i}</a></body>`));
    const together = await snapshotPages(pages);
    expect(together).toEqual(pages.map(snapshotPage));
    expect(together[42]!.links).toContain('a href https://example.org/42');
  });
});
