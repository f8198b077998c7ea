/**
 * DOCX (and other documents) to PDF with LibreOffice headless, as a real word processor lays them
 * out: one run converts many files (src/store/libreoffice.ts), with this profile and these fonts.
 *
 * The official faces (仿宋_GB2312, 楷体_GB2312, 方正小标宋简体, 黑体) are often not installed. A
 * fontconfig file maps their names to free faces of the same kind, so that the rendering looks like
 * the real thing; line and character counts do not depend on the face (CJK faces are one em wide,
 * exact line spacing fixes the lines). Installed official faces win: the aliases only apply to
 * names fontconfig cannot find.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runLibreOffice } from '../store/libreoffice.ts';

export { NoLibreOffice } from '../store/libreoffice.ts';

/** Official names → a free face of the same style (with the weight that looks closest). */
export const FREE_STAND_INS: [string[], string, string?][] = [
  [['方正小标宋简体', '方正小标宋_GBK', '小标宋', 'FZXiaoBiaoSong-B05S'], 'Noto Serif CJK SC', 'bold'],
  [['仿宋_GB2312', '仿宋', 'FangSong', 'FangSong_GB2312', '方正仿宋_GBK', '华文仿宋'], 'AR PL UMing CN'],
  [['楷体_GB2312', '楷体', 'KaiTi', 'KaiTi_GB2312', '方正楷体_GBK', '华文楷体'], 'AR PL UKai CN'],
  [['黑体', 'SimHei', '方正黑体_GBK', '华文黑体'], 'Noto Sans CJK SC'],
  [['宋体', 'SimSun', '新宋体', 'NSimSun', '华文宋体'], 'Noto Serif CJK SC'],
  [['Times New Roman'], 'Liberation Serif'],
];

let families: Set<string> | undefined;

/** Whether fontconfig (without our aliases) has a face of this family name installed. */
export function installedFamily(name: string): boolean {
  if (!families) {
    families = new Set();
    try {
      // One call lists every family, in each language the font names itself.
      const out = execFileSync('fc-list', [':', 'family'], { encoding: 'utf8', timeout: 20_000, maxBuffer: 16 * 1024 * 1024 });
      for (const line of out.split('\n')) for (const f of line.split(',')) if (f.trim()) families.add(f.trim().replace(/\\-/g, '-'));
    } catch {
      // No fontconfig: nothing counts as installed.
    }
  }
  return families.has(name);
}

function fontsConf(): string {
  const matches = FREE_STAND_INS.flatMap(([names, face, weight]) =>
    names
      .filter((name) => !installedFamily(name))
      .map(
        (name) =>
          `<match target="pattern"><test name="family"><string>${name}</string></test>` +
          `<edit name="family" mode="assign" binding="strong"><string>${face}</string></edit>` +
          (weight ? `<edit name="weight" mode="assign" binding="strong"><const>${weight}</const></edit>` : '') +
          '</match>',
      ),
  );
  return `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>${matches.join('')}</fontconfig>`;
}

const EXPORT_BLANK_PAGES =
  '<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
  '<item oor:path="/org.openoffice.Office.Common/Filter/PDF/Export"><prop oor:name="IsSkipEmptyPages" oor:op="fuse"><value>false</value></prop></item></oor:items>';

/**
 * Converts `files` to `format` (default PDF) into `outDir` in one LibreOffice run; returns the
 * output path of each input (missing when LibreOffice did not make it) and what it printed.
 */
export function convertWithLibreOffice(
  files: string[],
  outDir: string,
  { format = 'pdf', timeoutMs = 180_000 }: { format?: string; timeoutMs?: number } = {},
): Promise<{ outputs: (string | undefined)[]; log: string }> {
  return runLibreOffice(files, outDir, {
    format,
    timeoutMs,
    setUp: (profile) => {
      const conf = path.join(profile, 'fonts.conf');
      writeFileSync(conf, fontsConf());
      // The blank page a word processor inserts before an even-page section (the 版记's) is printed
      // too, as on paper: LibreOffice's PDF export leaves such pages out unless told not to.
      mkdirSync(path.join(profile, 'user'), { recursive: true });
      writeFileSync(path.join(profile, 'user', 'registrymodifications.xcu'), EXPORT_BLANK_PAGES);
      return { FONTCONFIG_FILE: conf, SAL_USE_VCLPLUGIN: 'svp' };
    },
  });
}
