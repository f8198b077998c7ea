import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { docxFile } from '../../src/docx/output-file.ts';
import { OUTPUT_FORMATS } from '../../src/formats/registry.ts';
import { loadContent } from '../../src/content/index.ts';
import { docxStage } from '../../src/docx/stage.ts';
import { copyProject } from '../helpers/content-fixtures.ts';
import { openDocx } from './ooxml.ts';

const project = copyProject();
const out = mkdtempSync(path.join(tmpdir(), 'nianbao-docx-settings-'));
afterAll(() => [project, out].forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('Word settings in site.yaml', () => {
  it('uses the organisation’s font names from site.yaml', async () => {
    const site = path.join(project, 'content/site.yaml');
    writeFileSync(site, `${readFileSync(site, 'utf8')}docx:\n  fonts: { fangsong: 方正仿宋_GBK, latin: Arial }\n  boldLevel3: true\n`);
    const loaded = loadContent(project);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.model.site.docx.fonts).toMatchObject({ fangsong: '方正仿宋_GBK', heiti: '黑体', latin: 'Arial' });
    await docxStage().run({ model: loaded.model, root: loaded.model.root, outDir: out, log: () => {}, formats: OUTPUT_FORMATS });
    const report = loaded.model.reports.find((r) => r.meta.type === 'fazhi-zhengfu')!;
    const docx = await openDocx(readFileSync(path.join(out, docxFile('public')(report.slug))));
    const xml = `${await docx.text('word/document.xml')}${await docx.text('word/styles.xml')}`;
    expect(xml).toContain('w:eastAsia="方正仿宋_GBK"');
    expect(xml).toContain('w:ascii="Arial"');
    expect(xml).not.toContain('w:eastAsia="仿宋_GB2312"');
  });

  it('refuses an unknown setting with a Chinese diagnostic', () => {
    const dir = copyProject();
    const site = path.join(dir, 'content/site.yaml');
    writeFileSync(site, `${readFileSync(site, 'utf8')}docx:\n  fontz: {}\n`);
    const loaded = loadContent(dir);
    rmSync(dir, { recursive: true, force: true });
    expect(loaded.ok).toBe(false);
    expect(loaded.diagnostics).toContainEqual(expect.objectContaining({ rule: 'schema.unknown-field', file: 'content/site.yaml', message: expect.stringContaining('fontz') }));
  });
});
