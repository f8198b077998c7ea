/**
 * The one rule for report folder names, used by the loader, `nianbao new` and `nianbao import`:
 * the name becomes part of the portal's URLs and a folder under content/reports/.
 */
export const REPORT_SLUG = /^[a-z0-9][a-z0-9-]*$/;

/** A Chinese sentence saying why `slug` cannot be a report folder name, or undefined when it can. */
export function reportSlugProblem(slug: string): string | undefined {
  if (REPORT_SLUG.test(slug) && slug.length <= 100) return undefined;
  const shown = slug.replace(/[\0-\x1f]/g, '?');
  const why = /[/\\]|^\.\.?$/.test(slug)
    ? '不能含有 /、\\ 或 ..（报告只能放在 content/reports/ 下面一层）'
    : /\s/.test(slug)
      ? '不能含有空格'
      : /[^\x00-\x7f]/.test(slug)
        ? '不能含有中文或其他非英文字符'
        : slug.length > 100
          ? '太长（最多 100 个字符）'
          : '只能用小写字母、数字和 -，并以字母或数字开头';
  return `文件夹名“${shown}”${why}：它会成为网址的一部分。`;
}

export const REPORT_SLUG_HINT = '如 chenxi-2023-‹类型›：小写拼音或英文、年度和类型（templates/ 下模板文件夹的名称），用 - 连接。';
