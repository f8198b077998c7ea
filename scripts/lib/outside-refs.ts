/**
 * Outside references for the same work, timed on the same machine: pandoc turning each report's
 * Markdown into a DOCX (one process per report, as a person would run it) beside nianbao's DOCX
 * stage, and Hugo building the same Markdown with minimal templates beside the HTML stage. Both
 * get the report's Markdown with its sections' titles as headings; metric references become plain
 * text and the YAML tables are left out, so the references do slightly less work than nianbao.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Tool {
  name: string;
  version?: string;
}

export function toolVersion(command: string, args: string[] = ['--version']): string | undefined {
  const run = spawnSync(command, args, { encoding: 'utf8' });
  return run.status === 0 ? run.stdout.split('\n')[0]!.trim() : undefined;
}

/** One report folder as one Markdown document: title, then each section's heading and body. */
export function reportMarkdown(reportDir: string): { title: string; markdown: string } {
  const meta = readFileSync(path.join(reportDir, 'report.yaml'), 'utf8');
  const title = /^title: (.*)$/m.exec(meta)?.[1]?.replace(/^["']|["']$/g, '') ?? path.basename(reportDir);
  const parts = [`# ${title}`];
  for (const name of readdirSync(reportDir).filter((f) => /^\d+-.*\.md$/.test(f)).sort()) {
    const text = readFileSync(path.join(reportDir, name), 'utf8');
    const m = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
    const front = m?.[1] ?? '';
    const body = (m?.[2] ?? text).replace(/:m\[([^\]]*)\]/g, '$1');
    const heading = /^title: (.*)$/m.exec(front)?.[1] ?? name;
    const level = Number(/^level: (\d)/m.exec(front)?.[1] ?? 1);
    parts.push(`${'#'.repeat(Math.min(level + 1, 6))} ${heading}`, body.replace(/^(#{1,4}) /gm, (_, h: string) => `${'#'.repeat(Math.min(h.length + 1, 6))} `));
  }
  return { title, markdown: parts.join('\n\n') };
}

/** Seconds pandoc takes for all reports, one `pandoc` process per report, one after the other. */
export function timePandoc(contentDir: string, scratch: string): number {
  const reports = path.join(contentDir, 'reports');
  const slugs = readdirSync(reports).sort();
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  for (const slug of slugs) writeFileSync(path.join(scratch, `${slug}.md`), reportMarkdown(path.join(reports, slug)).markdown);
  const started = performance.now();
  for (const slug of slugs) {
    const run = spawnSync('pandoc', ['-f', 'markdown', '-t', 'docx', '-o', path.join(scratch, `${slug}.docx`), path.join(scratch, `${slug}.md`)]);
    if (run.status !== 0) throw new Error(`pandoc 转换 ${slug} 失败：${run.stderr}`);
  }
  return (performance.now() - started) / 1000;
}

const LAYOUT = (body: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>${body}</body></html>\n`;

/** Seconds `hugo` takes to build the reports as pages with minimal templates (a list and one page each). */
export function timeHugo(contentDir: string, scratch: string): number {
  const reports = path.join(contentDir, 'reports');
  rmSync(scratch, { recursive: true, force: true });
  const site = path.join(scratch, 'site');
  mkdirSync(path.join(site, 'content/reports'), { recursive: true });
  mkdirSync(path.join(site, 'layouts/_default'), { recursive: true });
  writeFileSync(path.join(site, 'config.toml'), 'baseURL = "https://example.gov.cn/"\nlanguageCode = "zh-cn"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n');
  writeFileSync(path.join(site, 'layouts/_default/single.html'), LAYOUT('<h1>{{ .Title }}</h1>{{ .Content }}'));
  writeFileSync(path.join(site, 'layouts/_default/list.html'), LAYOUT('<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>'));
  writeFileSync(path.join(site, 'layouts/index.html'), LAYOUT('<ul>{{ range .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>'));
  for (const slug of readdirSync(reports).sort()) {
    const { title, markdown } = reportMarkdown(path.join(reports, slug));
    writeFileSync(path.join(site, 'content/reports', `${slug}.md`), `---\ntitle: ${JSON.stringify(title)}\n---\n\n${markdown.replace(/^# .*\n/, '')}`);
  }
  const started = performance.now();
  const run = spawnSync('hugo', ['--quiet', '--source', site, '--destination', path.join(scratch, 'public')], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`hugo 构建失败：${run.stderr}`);
  return (performance.now() - started) / 1000;
}
