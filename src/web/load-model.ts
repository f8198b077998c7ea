import { loadContent } from '../content/index.ts';
import { formatDiagnostic, summarize } from '../diagnostics/print.ts';
import type { ContentModel } from '../content/index.ts';
import { hasPortalInput, providePortalInput, siteModel } from './model.ts';

/**
 * For astro.config.mjs: the model the build stage provided, or else the content loaded and checked
 * by the very code `nianbao check` runs. Invalid content stops the build with the same Chinese
 * diagnostics the CLI prints.
 */
export function ensureModel(root: string): ContentModel {
  if (hasPortalInput()) return siteModel();
  const result = loadContent(process.env.NIANBAO_ROOT ?? root, { basePath: process.env.NIANBAO_BASE || undefined });
  if (!result.ok) {
    const text = result.diagnostics.map((d) => formatDiagnostic(d)).join('\n\n');
    throw new Error(`内容检查未通过，网站没有生成。\n\n${text}\n\n${summarize(result.diagnostics, undefined)}`);
  }
  providePortalInput({ model: result.model });
  return result.model;
}
