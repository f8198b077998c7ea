/**
 * The fonts the printing server offers besides the site: the fonts/ folder's files with their
 * @font-face rules, and the print stylesheet's installed faces cut to the official character set
 * (print-font-subsets.ts), all under `<base>_print-fonts/`. Served to the printing browser only,
 * never written to the site.
 */
import path from 'node:path';
import type { OutputStore } from '../store/cache-store.ts';
import { folderFontCss, scanFontFolder } from './font-folder.ts';
import { printFontSubsets } from './print-font-subsets.ts';
import type { ExtraRoute } from './site-server.ts';

const FONT_ROUTE = '_print-fonts/';

export interface FontRouteOptions {
  /** Keeps the cut faces between builds (the build cache). */
  store?: OutputStore;
}

/** Routes for the fonts and the stylesheet declaring them; logs what the fonts/ folder holds. */
export function fontRoutes(dir: string, base: string, log: (m: string) => void, options: FontRouteOptions = {}): { routes: Record<string, ExtraRoute>; stylesheet?: string } {
  const prefix = `${base}${FONT_ROUTE}`;
  const scan = scanFontFolder(dir);
  for (const s of scan.skipped) log(`字体文件夹：跳过 ${s.file}：${s.reason}`);
  const subsets = printFontSubsets(prefix, options.store);
  const routes: Record<string, ExtraRoute> = { ...subsets.routes };
  let css = subsets.css;
  if (scan.fonts.length) {
    const urlOf = (file: string) => `${prefix}${encodeURIComponent(file)}`;
    for (const f of scan.fonts) routes[`${prefix}${f.file}`] = { file: path.join(dir, f.file) };
    css += folderFontCss(scan.fonts, urlOf);
    log(`字体文件夹：使用 ${scan.fonts.map((f) => `${f.name}（${f.file}）`).join('、')}`);
  }
  if (!css) return { routes };
  const stylesheet = `${prefix}fonts.css`;
  routes[stylesheet] = { text: css, type: 'text/css; charset=utf-8' };
  return { routes, stylesheet };
}
