/**
 * Converts DOCX files to PDF with LibreOffice headless, as a real word processor reads them. Each
 * call gets its own LibreOffice profile (parallel runs would fight over one) and a time limit.
 *
 * The official faces (仿宋_GB2312, 楷体_GB2312, 方正小标宋简体, 黑体) are not on this machine. A
 * fontconfig file maps their names to free faces of the same kind, so the pages look like the real
 * thing to a reader checking them; line and character counts do not depend on it (exact line
 * spacing, 28 characters by tracking).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const ALIASES: [string[], string, string?][] = [
  [['方正小标宋简体', '方正小标宋_GBK', '小标宋'], 'Noto Serif CJK SC', 'bold'],
  [['仿宋_GB2312', '仿宋', 'FangSong', '方正仿宋_GBK'], 'AR PL UMing CN'],
  [['楷体_GB2312', '楷体', 'KaiTi', '方正楷体_GBK'], 'AR PL UKai CN'],
  [['黑体', 'SimHei', '方正黑体_GBK'], 'Noto Sans CJK SC'],
  [['宋体', 'SimSun'], 'Noto Serif CJK SC'],
  [['Times New Roman'], 'Liberation Serif'],
];

function fontsConf(): string {
  const matches = ALIASES.flatMap(([names, face, weight]) =>
    names.map(
      (name) => `<match target="pattern"><test name="family"><string>${name}</string></test>` +
        `<edit name="family" mode="assign" binding="strong"><string>${face}</string></edit>` +
        (weight ? `<edit name="weight" mode="assign" binding="strong"><const>${weight}</const></edit>` : '') +
        '</match>',
    ),
  );
  return `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>${matches.join('')}</fontconfig>`;
}

export interface Conversion {
  pdf: string;
  /** What LibreOffice printed; a damaged file shows up here (general input/output error, repair). */
  output: string;
}

/**
 * Several files in one `soffice` run (LibreOffice starts once). `keepBlankPages` exports the blank
 * pages LibreOffice inserts for a section that starts on an even page, as a printer prints them
 * (its PDF export leaves them out by default).
 */
export async function docxsToPdf(docxs: string[], outDir: string, options: { keepBlankPages?: boolean; timeoutMs?: number } = {}): Promise<{ pdfs: string[]; output: string }> {
  const profile = mkdtempSync(path.join(tmpdir(), 'nianbao-lo-'));
  const conf = path.join(profile, 'fonts.conf');
  writeFileSync(conf, fontsConf());
  const filter = options.keepBlankPages ? 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}' : 'pdf';
  try {
    const { stdout, stderr } = await run(
      'soffice',
      ['--headless', '--norestore', '--nolockcheck', `-env:UserInstallation=file://${profile}`, '--convert-to', filter, '--outdir', outDir, ...docxs],
      { timeout: options.timeoutMs ?? 180_000, env: { ...process.env, FONTCONFIG_FILE: conf, SAL_USE_VCLPLUGIN: 'svp' } },
    );
    const pdfs = docxs.map((d) => path.join(outDir, `${path.basename(d, path.extname(d))}.pdf`));
    const output = `${stdout}${stderr}`.split('\n').filter((l) => l && !l.includes('javaldx')).join('\n');
    const missing = pdfs.filter((p) => !existsSync(p));
    if (missing.length) throw new Error(`LibreOffice 没有生成 ${missing.join('、')}：${output}`);
    return { pdfs, output };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** `soffice --convert-to pdf` into `outDir`, with a fresh profile, failing after `timeoutMs`. */
export async function docxToPdf(docx: string, outDir: string, timeoutMs = 300_000): Promise<Conversion> {
  const profile = mkdtempSync(path.join(tmpdir(), 'nianbao-lo-'));
  const conf = path.join(profile, 'fonts.conf');
  writeFileSync(conf, fontsConf());
  try {
    const { stdout, stderr } = await run(
      'soffice',
      ['--headless', '--norestore', '--nolockcheck', `-env:UserInstallation=file://${profile}`, '--convert-to', 'pdf', '--outdir', outDir, docx],
      { timeout: timeoutMs, env: { ...process.env, FONTCONFIG_FILE: conf, SAL_USE_VCLPLUGIN: 'svp' } },
    );
    const pdf = path.join(outDir, `${path.basename(docx, path.extname(docx))}.pdf`);
    const output = `${stdout}${stderr}`.split('\n').filter((l) => l && !l.includes('javaldx')).join('\n');
    if (!existsSync(pdf)) throw new Error(`LibreOffice 没有生成 PDF：${output}`);
    return { pdf, output };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
