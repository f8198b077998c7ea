import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from '../../src/build/build.ts';
import type { BuildStage } from '../../src/pipeline/stage.ts';
import { manifestStage } from '../../src/integrity/manifest-stage.ts';
import { copySample } from './sample-project.ts';

/** The sentence a tamperer changes in the tests: 48 → 49. */
export const SENTENCE = '2022年共受理政府信息公开申请48件，全部按时答复。';

/**
 * Bytes that do not compress: a file this size keeps an HTTP body waiting to be read while other
 * downloads run, which is what made the old fetch-based verify crash on close-delimited bodies.
 */
function incompressible(size: number): Buffer {
  const out: Buffer[] = [];
  let block = createHash('sha256').update('nianbao').digest();
  for (let n = 0; n < size; n += block.length) {
    out.push(block);
    block = createHash('sha256').update(block).digest();
  }
  return Buffer.concat(out).subarray(0, size);
}

const pages: BuildStage = {
  id: 'pages',
  label: '写页面',
  async run({ outDir }) {
    const filler = Array.from({ length: 400 }, (_, i) => `<p>第${i + 1}项工作按计划推进。</p>`).join('');
    writeFileSync(
      path.join(outDir, 'index.html'),
      `<!doctype html><html lang="zh-CN"><head><title>政府信息公开工作年度报告</title></head><body><main><h1>总体情况</h1><p>${SENTENCE}其中当面申请5件。</p>${filler}<a href="/ndbg/a.html">甲</a></main></body></html>`,
    );
    writeFileSync(path.join(outDir, 'a.html'), '<!doctype html><title>甲</title><p>正文</p>');
    writeFileSync(path.join(outDir, 'style.css'), 'body { font-size: 16px; }\n');
    writeFileSync(path.join(outDir, 'report.pdf'), incompressible(768 * 1024));
  },
};

export interface BuiltSite {
  project: string;
  dist: string;
  remove(): void;
}

/** A project built with a few pages, a stylesheet, a large PDF and its manifest (no Astro: fast). */
export async function buildHttpSite(prefix: string): Promise<BuiltSite> {
  const project = copySample(prefix);
  const result = await build({ target: project, stages: [pages, manifestStage] });
  if (!result.ok) throw new Error(JSON.stringify(result.error ?? result.diagnostics));
  return { project, dist: result.outDir, remove: () => rmSync(project, { recursive: true, force: true }) };
}

/** The file at URL path `url` under /ndbg/, or undefined. */
export function siteFile(dist: string, url: string): Buffer | undefined {
  const rel = decodeURIComponent(url.replace(/^\/ndbg\/?/, '')) || 'index.html';
  if (rel.includes('..')) return undefined;
  try {
    return readFileSync(path.join(dist, rel.endsWith('/') ? `${rel}index.html` : rel));
  } catch {
    return undefined;
  }
}

/** A stack trace line as Node prints it. */
export const STACK_LINE = /^\s{4}at /m;
