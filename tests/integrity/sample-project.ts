import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FAZHI = 'content/reports/chenxi-2022-fazhi-zhengfu';

/** The two original 辰溪 samples: a 法治政府 and a 信息公开 report of 2022. */
export const TWO_SAMPLES = ['chenxi-2022-fazhi-zhengfu', 'chenxi-sifaju-2022-xinxi-gongkai'];

/**
 * A fresh copy of the sample project in a temporary folder: templates/, the site and issuer
 * settings and the two original 辰溪 samples (the county year's other reports are left out, so that
 * the many tests that build this project stay quick; tests/web/county.browser.test.ts builds them all).
 */
export function copySample(prefix = 'nianbao-sample-', slugs: readonly string[] = TWO_SAMPLES): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  for (const file of ['site.yaml', 'issuers.yaml']) {
    if (existsSync(path.join(REPO, 'content', file))) cpSync(path.join(REPO, 'content', file), path.join(dir, 'content', file));
  }
  for (const slug of slugs) cpSync(path.join(REPO, 'content/reports', slug), path.join(dir, 'content/reports', slug), { recursive: true });
  cpSync(path.join(REPO, 'templates'), path.join(dir, 'templates'), { recursive: true });
  return dir;
}

/** Replaces text in a file of a copied project; fails loudly if the text is not there. */
export function replaceIn(root: string, rel: string, find: string, replace: string): void {
  const file = path.join(root, rel);
  const text = readFileSync(file, 'utf8');
  if (!text.includes(find)) throw new Error(`“${find}” not found in ${rel}`);
  writeFileSync(file, text.replace(find, replace));
}

/** A Markdown section full of hostile HTML, added to the 法治政府 sample as its last section. */
export const HOSTILE_SECTION = `---
title: 其他需要报告的情况
level: 1
---

本节用于测试。<script>window.__pwned = 'script'; alert('script')</script>

<img src="/x.png" onerror="alert('onerror')" alt="图">

[点击查看](javascript:alert('link'))

<a href="https://bet.example/" style="display:none">澳门博彩</a>

<div style="position:absolute;left:-9999px"><a href="https://porn.example/">链接</a></div>

<iframe src="https://evil.example/"></iframe>

<p onclick="alert('click')" style="color:#fff">白色文字</p>
`;
