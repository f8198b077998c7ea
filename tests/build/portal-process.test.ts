/**
 * The portal is rendered by Astro in a process of its own (src/build/portal.ts): the build's own
 * process never runs Astro's bundler, whose threads and memory would stay with it through the PDF
 * stage, and what goes wrong in that process reaches the build as its error.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.ts';
import { buildPortal, webStage } from '../../src/build/portal.ts';
import { loadContent } from '../../src/content/index.ts';
import { OUTPUT_FORMATS } from '../../src/formats/registry.ts';
import type { OutputFormat } from '../../src/pipeline/stage.ts';
import { copySample } from '../integrity/sample-project.ts';

const root = copySample('nianbao-portal-process-');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The names of this process's threads (Rust's thread pools name theirs, e.g. tokio-runtime-w). */
const threadNames = () => readdirSync('/proc/self/task').map((t) => readFileSync(`/proc/self/task/${t}/comm`, 'utf8').trim());

describe('the portal stage’s own process', () => {
  it('builds the site, search index included, without the bundler ever running in the build’s process', async () => {
    const out = path.join(root, 'dist');
    const result = await build({ target: root, outDir: out, stages: [webStage] });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expect(readFileSync(path.join(out, 'reports/chenxi-2022-fazhi-zhengfu/index.html'), 'utf8')).toContain('法治政府建设');
    expect(JSON.parse(readFileSync(path.join(out, 'pagefind/shards.json'), 'utf8')).bundles.map((b: { name: string }) => b.name)).toEqual(['2022']);
    expect(existsSync(path.join(out, 'pagefind/2022/pagefind.js'))).toBe(true);
    const names = threadNames();
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((n) => /rolldown|tokio/i.test(n))).toEqual([]);
    // Nothing of its scratch folder is left beside the output.
    expect(readdirSync(root).filter((n) => n.startsWith('.nianbao-'))).toEqual([]);
  });

  it('reports what failed there as the stage’s error, in Chinese', async () => {
    const loaded = loadContent(root);
    if (!loaded.ok) throw new Error('sample content invalid');
    const unknown: OutputFormat = { ...OUTPUT_FORMATS[0]!, id: 'no-such-format' };
    const out = path.join(root, 'dist-failed');
    const ctx = { model: loaded.model, root, outDir: out, log: () => {}, formats: [unknown] };
    await expect(buildPortal(ctx)).rejects.toThrow('未知的输出格式 no-such-format');
    expect(existsSync(path.join(out, 'index.html'))).toBe(false);
  });
});
