/**
 * Checks of site.yaml that need more than its schema: the report types named in `columns:` must
 * be types the templates define, and the 党政机关 mark's image must be a file of the content folder.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { resolveInside } from '../paths/project-path.ts';
import type { SiteConfig } from '../schema/site.ts';
import { nearest } from './suggest.ts';
import type { TemplateRegistry } from './templates.ts';
import type { YamlSource } from './yaml-source.ts';

export function checkSiteSettings(site: SiteConfig, source: YamlSource, file: string, registry: TemplateRegistry, contentDir: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  const types = [...registry.byType.keys()];
  for (const id of Object.keys(site.columns)) {
    if (registry.byType.has(id)) continue;
    const near = nearest(id, types);
    found.push(
      diag('error', 'site.column-type', { ...source.positionOf(['columns', id], 'key'), file }, `columns 里的“${id}”不是已有的报告类型。`, {
        hint: near.length ? `是不是 ${near.join('、')}？可用的报告类型：${types.join('、')}。` : `可用的报告类型：${types.join('、')}。`,
        value: id,
      }),
    );
  }
  const image = site.footer.partyGovMarkImage;
  if (image) {
    const at = { ...source.positionOf(['footer', 'partyGovMarkImage']), file };
    const inside = resolveInside(contentDir, image);
    if (!inside.ok) found.push(diag('error', 'site.mark-image', at, `党政机关网站标识图片不在内容文件夹里：${inside.message}`, { hint: '把图片放进 content/，写相对于 content/ 的路径。', value: image }));
    else if (!existsSync(inside.path) || !statSync(inside.path).isFile())
      found.push(diag('error', 'site.mark-image', at, `找不到党政机关网站标识图片 ${path.join(path.basename(contentDir), image)}。`, { hint: '把颁发的标识图片（标识代码里的 red.png）下载后放进内容文件夹，文件名与这里写的一致。', value: image }));
  }
  if (site.footer.partyGovMark && !site.footer.partyGovMarkId) {
    found.push(
      diag('warning', 'site.mark-certificate', { ...source.positionOf(['footer', 'partyGovMark']), file }, '党政机关网站标识没有链接到标识证书页：缺少 partyGovMarkId。', {
        hint: '按颁发的标识代码，在 footer 里写 partyGovMarkId（bszs.conac.cn/sitename?method=show&id= 之后的 32 位编号）和 partyGovMarkImage（标识图片），见 README“党政机关网站标识”。',
      }),
    );
  }
  if ((site.footer.partyGovMarkId || site.footer.partyGovMarkImage) && !site.footer.partyGovMark) {
    found.push(
      diag('warning', 'site.mark-hidden', { ...source.positionOf(['footer', site.footer.partyGovMarkId ? 'partyGovMarkId' : 'partyGovMarkImage']), file }, '写了党政机关网站标识的证书编号或图片，但 partyGovMark 不是 true，页脚不显示标识。', {
        hint: '要显示标识，写 partyGovMark: true。',
      }),
    );
  }
  return found;
}
