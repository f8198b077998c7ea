/**
 * The OFD copy is converted from the printed PDF: a chart arrives as vector paths in its greys and
 * its words as text, with no picture (shared build of the two 辰溪 samples).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedBuild } from '../helpers/shared-builds.ts';

let downloads: string;
beforeAll(async () => {
  downloads = path.join((await sharedBuild('ndbg')).dist, 'downloads');
});

describe('charts in the OFD copy', () => {
  it('draws the bars of 图1 as paths and its labels and values as text', async () => {
    const zip = await JSZip.loadAsync(readFileSync(path.join(downloads, 'chenxi-sifaju-2022-xinxi-gongkai.ofd')));
    const pages = await Promise.all(Object.keys(zip.files).filter((n) => /Pages\/Page_\d+\/Content\.xml$/.test(n)).map((n) => zip.file(n)!.async('string')));
    const text = (xml: string) => [...xml.matchAll(/<ofd:TextCode[^>]*>([^<]*)</g)].map((m) => m[1]).join('');
    const page = pages.find((xml) => text(xml).includes('图1'))!;
    expect(page).toBeDefined();
    const paths = [...page.matchAll(/<ofd:PathObject[^>]*>(?:(?!<\/ofd:PathObject>).)*<\/ofd:PathObject>/gs)].map((m) => m[0]);
    // Twelve parts: a dark bar on a light track each.
    expect(paths.filter((p) => p.includes('FillColor Value="64 64 64"'))).toHaveLength(12);
    expect(paths.filter((p) => p.includes('FillColor Value="230 230 230"'))).toHaveLength(12);
    expect(page).not.toContain('<ofd:ImageObject');
    expect(text(page)).toContain('予以公开');
    expect(text(page)).toContain('本年度办理结果的构成');
  });
});
