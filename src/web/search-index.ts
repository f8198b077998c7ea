/**
 * The Chinese full-text index, by Pagefind's extended build (it segments Chinese words), over the
 * built pages. The index lives in <site>/pagefind/ and the search page loads it relative to the
 * base path, so search works under any sub-path.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { close, createIndex } from 'pagefind';
import { recordPhase } from '../build/timing.ts';
import { portalPaths } from './urls.ts';

const UNUSED_UI = ['pagefind-ui.js', 'pagefind-ui.css', 'pagefind-modular-ui.js', 'pagefind-modular-ui.css', 'pagefind-component-ui.js', 'pagefind-component-ui.css', 'pagefind-highlight.js'];

export async function writeSearchIndex(siteDir: string): Promise<void> {
  const started = performance.now();
  const { index, errors } = await createIndex({ forceLanguage: 'zh-cn' });
  try {
    if (!index) throw new Error(`搜索索引创建失败：${errors.join('；')}`);
    // Only report pages carry data-pagefind-body: the others (print pages, lists) are not read at all.
    const reports = portalPaths('/').report('*').slice(1).split('/')[0]!;
    const added = await index.addDirectory({ path: siteDir, glob: `${reports}/**/*.html` });
    if (added.errors.length) throw new Error(`搜索索引出错：${added.errors.join('；')}`);
    const outputPath = path.join(siteDir, 'pagefind');
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw new Error(`搜索索引写入失败：${written.errors.join('；')}`);
    // The search page has its own interface on pagefind.js; Pagefind's ready-made ones go unused.
    for (const file of UNUSED_UI) rmSync(path.join(outputPath, file), { force: true });
  } finally {
    await close();
    recordPhase('search', (performance.now() - started) / 1000);
  }
}
