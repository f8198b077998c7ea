import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { outputPaths, type BuildStage } from '../build/stage.ts';
import { renderReportDocx } from './render.ts';
import type { DocxSettings } from '../schema/docx.ts';

/** File sizes as the portal and the build log show them. */
export function formatSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

/** The build stage writing one official-format Word file per report to `downloads/`. */
/** Settings come from site.yaml (`docx:`) unless given. */
export function docxStage(settings?: DocxSettings): BuildStage {
  return {
    id: 'docx',
    label: '生成 Word 文件（公文格式）',
    async run(ctx) {
      for (const report of ctx.model.reports) {
        let bytes: Buffer;
        try {
          bytes = await renderReportDocx(report, { settings: settings ?? ctx.model.site.docx, root: ctx.root });
        } catch (e) {
          throw new Error(`报告“${report.meta.title}”的 Word 文件生成失败：${(e as Error).message}`);
        }
        const name = outputPaths.docx(report.slug);
        const file = path.join(ctx.outDir, name);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, bytes);
        ctx.log(`${name}（${formatSize(bytes.length)}）`);
      }
    },
  };
}
