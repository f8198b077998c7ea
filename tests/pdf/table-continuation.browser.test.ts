/**
 * The continuation-page labels in real Chromium, on a page of their own (no build): a long table
 * of two row groups under a varying number of paragraphs, so that pages begin at different rows.
 * The guess from the column layout (guessRepeats) is what the printed PDF's structure asks for
 * (labelRepeats), the labels repeated there are printed on the continuation page, and a print with
 * them asks for nothing else (the loop in print-settle.ts settles after one print).
 */
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { readPrint } from '../../src/pdf/read-print.ts';
import { guessRepeats, labelRepeats, repeatGroupLabels, tableShapes } from '../../src/pdf/table-continuation.ts';
import { printTab } from '../helpers/browser.ts';

const STYLE = `@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { margin: 0; font-size: 16pt; line-height: 28.95pt; }
p { margin: 0; text-indent: 2em; }
table { width: 100%; border-collapse: collapse; font-size: 12pt; line-height: 15pt; }
thead { display: table-header-group; }
td:not([rowspan]), th:not([rowspan]) { break-inside: avoid; }
th, td { border: 0.75pt solid #000; padding: 2pt 3pt; }`;

/** Rows of a group: 1.第N项 and its count. */
const rows = (group: string, n: number) =>
  Array.from({ length: n }, (_, i) => `<tr>${i === 0 ? `<th scope="rowgroup" rowspan="${n}" id="g-${group}">${group}</th>` : ''}<th scope="row">${i + 1}.${group}第${i + 1}项</th><td>${i * 7}</td></tr>`).join('');

const html = (paragraphs: number) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>${STYLE}</style></head><body>
${'<p>本年度依法行政工作情况报告如下，各项工作均按计划推进。</p>'.repeat(paragraphs)}
<table><thead><tr><th colspan="2">项目</th><th>数量</th></tr></thead><tbody>
<tr><th colspan="2" scope="row">一、本年新收申请</th><td>99</td></tr>
${rows('三、本年度办理结果', 40)}${rows('四、不予处理', 12)}
</tbody></table></body></html>`;

async function print(page: Page): Promise<Uint8Array> {
  return page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true });
}

const tab = printTab();

describe.each([0, 5, 11])('a table after %i paragraphs', (paragraphs) => {
  it('is guessed as printed, its labels repeated on the continuation pages, and settled after one print with them', async () => {
    const page = tab();
    await page.setContent(html(paragraphs));
    const shapes = await tableShapes(page);
    const guess = await guessRepeats(page, shapes);
    const first = await readPrint(await print(page), { tables: true });
    const asked = labelRepeats(first.tables, shapes);
    expect(asked.length).toBeGreaterThan(0);
    expect(guess).toEqual(asked);

    await repeatGroupLabels(page, asked);
    const second = await readPrint(await print(page), { tables: true });
    expect(labelRepeats(second.tables, shapes)).toEqual(asked);
    // Each repeat's page begins its first body row with the group's label, drawn there.
    for (const { row } of asked) {
      const onPage = second.tables.find((tables) => tables.some((t) => t.rows.find((r) => r.index > 0)?.index === row))!;
      const text = onPage[0]!.rows.find((r) => r.index === row)!.text;
      expect(text).toMatch(/^(三、本年度办理结果|四、不予处理)\d+\./);
    }
    // Each copy has an id of its own (the cells below it name it as their header).
    const headers = await page.evaluate(() => [...document.querySelectorAll('th.continued')].map((th) => th.id));
    expect(headers).toHaveLength(asked.length);
    for (const id of headers) expect(id).toMatch(/^g-.+-r\d+$/);
  });
});
