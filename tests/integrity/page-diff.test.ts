import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
    expect(textChanges(['甲', '乙'], ['甲', '新增一段', '乙'])).toEqual({
      added: ['新增一段'],
      removed: [],
      edits: [{ removed: '', added: '新增一段', context: '[+新增一段]', before: '', after: '新增一段' }],
    });
    expect(textChanges(['甲', '乙'], ['甲'])).toEqual({ added: [], removed: ['乙'], edits: [{ removed: '乙', added: '', context: '[-乙]', before: '乙', after: '' }] });
  });
});

describe('changed text in its sentence', () => {
  const edits = (before: string, after: string) => textChanges([before], [after]).edits;

  it('shows a changed digit inside the sentence that holds it', () => {
    expect(edits('总体情况。2022年共受理申请48件，全部按时答复。其中当面申请5件。', '总体情况。2022年共受理申请49件，全部按时答复。其中当面申请5件。')).toEqual([
      { removed: '8', added: '9', context: '2022年共受理申请4[8→9]件，全部按时答复。', before: '2022年共受理申请48件，全部按时答复。', after: '2022年共受理申请49件，全部按时答复。' },
    ]);
  });

  it('shows each swapped word in its own sentence, and two changes of one sentence together', () => {
    expect(edits('今年调解纠纷。今年审查合同。', '娱乐老虎机调解纠纷。娱乐老虎机审查合同。').map((e) => e.context)).toEqual([
      '[今年→娱乐老虎机]调解纠纷。',
      '[今年→娱乐老虎机]审查合同。',
    ]);
    expect(edits('收到申请48件，办结47件。', '收到申请49件，办结46件。').map((e) => [e.removed, e.added, e.context])).toEqual([
      ['8', '9', '收到申请4[8→9]件，办结4[7→6]件。'],
      ['7', '6', '收到申请4[8→9]件，办结4[7→6]件。'],
    ]);
  });

  it('cuts a long sentence to the words next to the change', () => {
    const long = '今年共排查、调处各类矛盾纠纷920件，比上年增长百分之十二，涉及群众三千余人次，全部依法妥善处理完毕，没有发生一起民转刑案件，群众满意率保持在较高水平并逐年提高。';
    const [e] = edits(long, long.replace('没有发生', '发生'));
    expect(e!.context).toBe('…年增长百分之十二，涉及群众三千余人次，全部依法妥善处理完毕，[-没有]发生一起民转刑案件，群众满意率保持在较高水平并逐年提高。');
    expect(e!.before.startsWith('…') && e!.before.includes('没有发生')).toBe(true);
  });

  it('lists the sentence in page comparisons', () => {
    const change = comparePages(snapshotPage(ORIGINAL), snapshotPage(ORIGINAL.replace('920件', '928件')));
    expect(change.edits).toEqual([expect.objectContaining({ removed: '0', added: '8', context: '今年共排查、调处各类矛盾纠纷92[0→8]件。' })]);
  });
});

describe('snapshots of many pages', () => {
  it('are taken in worker threads for a large site, with the same result, in the same order, as one by one', async () => {
    const pages = Array.from({ length: 100 }, (_, i) => ORIGINAL.replace('今年', `第${i}年`).replace('</body>', `<a href="https://example.org/${i}">${i}</a></body>`));
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-snapshots-'));
    const files = pages.map((html, i) => {
      const file = path.join(dir, `${i}.html`);
      writeFileSync(file, html);
      return file;
    });
    const together = await snapshotPages(files).finally(() => rmSync(dir, { recursive: true, force: true }));
    expect(together).toEqual(pages.map(snapshotPage));
    expect(together[42]!.links).toContain('a href https://example.org/42');
  });
});
