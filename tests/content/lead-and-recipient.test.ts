import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { toString } from 'mdast-util-to-string';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.ts';
import { loadContent } from '../../src/content/index.ts';
import { renderReportDocx } from '../../src/docx/render.ts';
import { webStage } from '../../src/build/portal.ts';
import { bodyParagraphs, openDocx, path as xmlPath, styleOf, textOf } from '../docx/ooxml.ts';
import { REPO } from '../helpers/cli.ts';

// The 导语 (lead.md) and the 主送机关 (report.yaml mainRecipient): model, portal and print pages, Word file.
const root = mkdtempSync(path.join(tmpdir(), 'nianbao-lead-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
cpSync(path.join(REPO, 'content'), path.join(root, 'content'), { recursive: true });
const dir = path.join(root, 'content/reports/chenxi-2022-fazhi-zhengfu');
const yaml = path.join(dir, 'report.yaml');
writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^signature: /m, 'mainRecipient: 怀化市人民政府\nsignature: '));
writeFileSync(path.join(dir, 'lead.md'), '2022年，我县共有人民调解员:m[tiaojieyuan]。现将有关情况报告如下：\n\n第二段导语。\n');

describe('导语 and 主送机关', () => {
  const loaded = loadContent(root);
  const report = loaded.ok ? loaded.model.reports.find((r) => r.slug === 'chenxi-2022-fazhi-zhengfu') : undefined;

  it('are loaded into the model, figures resolved', () => {
    expect(loaded.ok, JSON.stringify(loaded.diagnostics)).toBe(true);
    expect(report!.meta.mainRecipient).toBe('怀化市人民政府');
    expect(report!.lead!.body.children.map((p) => toString(p))).toEqual(['2022年，我县共有人民调解员。现将有关情况报告如下：', '第二段导语。']);
    const first = report!.lead!.body.children[0]!;
    expect(JSON.stringify(first)).toContain('"text":"1054名"');
  });

  it('a heading in lead.md is an error', () => {
    const other = mkdtempSync(path.join(tmpdir(), 'nianbao-lead-bad-'));
    try {
      cpSync(path.join(root, 'content'), path.join(other, 'content'), { recursive: true });
      writeFileSync(path.join(other, 'content/reports/chenxi-2022-fazhi-zhengfu/lead.md'), '导语。\n\n## 一、所做的工作\n');
      const r = loadContent(other);
      expect(r.diagnostics.filter((d) => d.rule === 'lead.heading').map((d) => d.file)).toEqual(['content/reports/chenxi-2022-fazhi-zhengfu/lead.md']);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('the Word file: 主送机关 after the title, flush left with a full-width colon, then the 导语 before 一', async () => {
    const docx = await openDocx(await renderReportDocx(report!, { root }));
    const paragraphs = bodyParagraphs(await docx.xml('word/document.xml'));
    const texts = paragraphs.map(textOf);
    const recipient = texts.indexOf('怀化市人民政府：');
    expect(recipient).toBeGreaterThan(0);
    expect(styleOf(paragraphs[0]!)).toBe('Title');
    expect(texts.slice(1, recipient).every((t) => t === '')).toBe(true);
    const p = paragraphs[recipient]!;
    expect(xmlPath(p, 'w:pPr', 'w:jc')?.attrs['w:val']).toBe('left');
    expect(xmlPath(p, 'w:pPr', 'w:ind')?.attrs['w:firstLine']).toBe('0');
    expect(texts[recipient + 1]).toBe('2022年，我县共有人民调解员1054名。现将有关情况报告如下：');
    expect(texts[recipient + 2]).toBe('第二段导语。');
    expect(texts[recipient + 3]).toContain('所做的工作');
    // Body paragraphs: the 导语 keeps the body's two-character indent.
    expect(styleOf(paragraphs[recipient + 1]!)).not.toBe('MainRecipient');
  });

  it('the report page and the print page show them before section 一', async () => {
    const out = path.join(root, 'dist');
    const result = await build({ target: root, outDir: out, stages: [webStage] });
    expect(result.ok, JSON.stringify(!result.ok && result)).toBe(true);
    for (const page of ['reports/chenxi-2022-fazhi-zhengfu/index.html', 'print/chenxi-2022-fazhi-zhengfu/index.html']) {
      const html = readFileSync(path.join(out, page), 'utf8');
      const recipient = html.indexOf('<p class="main-recipient">怀化市人民政府：</p>');
      const lead = html.indexOf('现将有关情况报告如下：');
      const first = html.indexOf('id="suozuo-gongzuo"');
      expect(recipient, page).toBeGreaterThan(0);
      expect(lead, page).toBeGreaterThan(recipient);
      expect(first, page).toBeGreaterThan(lead);
      expect(html.slice(recipient, first)).toContain('1054名');
    }
  });
});
