/**
 * The fonts/ folder as routes of the printing server: its font files and their @font-face rules,
 * under `<base>_print-fonts/`. Served to the printing browser only, never written to the site.
 */
import path from 'node:path';
import { folderFontCss, scanFontFolder } from './font-folder.ts';
import type { ExtraRoute } from './site-server.ts';

const FONT_ROUTE = '_print-fonts/';

/** Routes for the folder's fonts and the stylesheet declaring them; logs what the folder holds. */
export function fontRoutes(dir: string, base: string, log: (m: string) => void): { routes: Record<string, ExtraRoute>; stylesheet?: string } {
  const scan = scanFontFolder(dir);
  for (const s of scan.skipped) log(`字体文件夹：跳过 ${s.file}：${s.reason}`);
  if (scan.fonts.length === 0) return { routes: {} };
  const prefix = `${base}${FONT_ROUTE}`;
  const urlOf = (file: string) => `${prefix}${encodeURIComponent(file)}`;
  const routes: Record<string, ExtraRoute> = {};
  for (const f of scan.fonts) routes[`${prefix}${f.file}`] = { file: path.join(dir, f.file) };
  const stylesheet = `${prefix}fonts.css`;
  routes[stylesheet] = { text: folderFontCss(scan.fonts, urlOf), type: 'text/css; charset=utf-8' };
  log(`字体文件夹：使用 ${scan.fonts.map((f) => `${f.name}（${f.file}）`).join('、')}`);
  return { routes, stylesheet };
}
