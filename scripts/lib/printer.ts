/**
 * What the PDF stage prints with on this machine, for the benchmark's header: the browser the
 * build would find, its version, and the installed face behind each family of the print
 * stylesheet. Two machines' PDF figures compare only when these lines are the same.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { findBrowser } from '../../src/pdf/browser-path.ts';
import { printFontSubsets } from '../../src/pdf/print-font-subsets.ts';

export function printerDescription(): string {
  const browser = findBrowser({ env: process.env, platform: process.platform, exists: existsSync, home: homedir() });
  let version = '未找到浏览器';
  if (browser.ok) {
    try {
      version = `${execFileSync(browser.path, ['--version'], { encoding: 'utf8', timeout: 30_000 }).trim()}（${browser.path}）`;
    } catch (e) {
      version = `${browser.path}（无法读取版本：${(e as Error).message.split('\n')[0]}）`;
    }
  }
  const faces = printFontSubsets('/').faces;
  return `${version}；字体：${faces.length ? faces.join('、') : '无（打印样式表的字体都未安装）'}`;
}
