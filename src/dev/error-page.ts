import type { Diagnostic } from '../diagnostics/diagnostic.ts';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * What the preview shows while the content has errors: every diagnostic with file, line and
 * Chinese message, instead of a crashed page. It reloads itself until the content checks clean.
 */
export function errorPage(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const items = errors
    .map(
      (d) => `<li class="diag">
  <p class="where"><code>${esc(d.file)}${d.line > 0 ? `:${d.line}:${d.column}` : ''}</code> <span class="rule">[${esc(d.rule)}]</span></p>
  <p class="message">${esc(d.message).replace(/\n/g, '<br>')}</p>
  ${d.value !== undefined ? `<p class="value">写的是：${esc(d.value)}</p>` : ''}
  ${d.hint ? `<p class="hint">怎么改：${esc(d.hint).replace(/\n/g, '<br>')}</p>` : ''}
</li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="1">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>内容有 ${errors.length} 个错误 — nianbao 预览</title>
<style>
body { font: 18px/1.7 "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; margin: 0; background: #fff8f6; color: #222; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { color: #9b1c1c; font-size: 1.6rem; }
.diag { background: #fff; border-left: 6px solid #c81e1e; margin: 0 0 1rem; padding: .75rem 1rem; list-style: none; }
.where code { font-size: 1rem; } .rule { color: #666; font-size: .9rem; }
.message { font-weight: bold; margin: .25rem 0; } .hint { color: #14532d; } .value { color: #555; }
ol { padding: 0; }
</style>
</head>
<body>
<main>
<h1 id="nianbao-errors">内容检查发现 ${errors.length} 个错误，预览暂停</h1>
<p>改正下面的问题并保存文件，这个页面会自动刷新。</p>
<ol>
${items}
</ol>
</main>
</body>
</html>
`;
}
