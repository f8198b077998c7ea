/**
 * nginx: a block to include in the portal's `server { }`. Everything sits in one `location ^~`
 * so that the portal's own regular-expression locations (often `~* \.(js|css)$` with other cache
 * rules) never take over the site's files; `types` there replaces the server's MIME table for the
 * site only; `add_header` is repeated in the nested location because nginx does not inherit it.
 */
import { preamble, type ServerRules } from './rules.ts';

const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export function nginxConfig(rules: ServerRules): string {
  const base = rules.basePath;
  const root = rules.root === '/' ? '/' : `${rules.root}/`;
  const headers = (cache: string, indent: string) =>
    [...rules.headers, ['Cache-Control', cache] as [string, string]].map(([name, value]) => `${indent}add_header ${name} ${quote(value)} always;`).join('\n');
  const width = Math.max(...rules.types.map(([, t]) => t.length));
  const byType = new Map<string, string[]>();
  for (const [ext, type] of rules.types) byType.set(type, [...(byType.get(type) ?? []), ext]);
  const types = [...byType].map(([type, exts]) => `        ${type.padEnd(width)} ${exts.join(' ')};`).join('\n');
  const hashed = `(${[...rules.immutableFolders.map((f) => `${f}/.+`), rules.immutablePattern].join('|')})`;
  const lines = [
    preamble(rules, (l) => `# ${l}`, 'nginx 配置片段'),
    '# 用法：在门户网站的 server { } 里写 include /etc/nginx/snippets/nianbao.conf;（本文件的位置），然后 nginx -t && nginx -s reload。',
    '',
    ...(base === '/' ? [] : [`location = ${base.slice(0, -1)} {`, '    absolute_redirect off;', `    return 301 ${base};`, '}', '']),
    `location ^~ ${base} {`,
    `    ${base === '/' ? 'root' : 'alias'} ${root};`,
    '    index index.html;',
    '    # 目录补斜杠的跳转用相对地址（网站在反向代理、https 之后也不会跳错）。',
    '    absolute_redirect off;',
    `    error_page 404 ${rules.notFound};`,
    '',
    '    # 本网站的文件类型（只在这里生效，不改门户网站的设置）。',
    '    types {',
    types,
    '    }',
    '    default_type application/octet-stream;',
    '    charset utf-8;',
    `    charset_types ${rules.charsetTypes.join(' ')};`,
    '',
    '    # 文字类文件即时压缩；Pagefind 的索引文件本身已压缩。',
    '    gzip on;',
    '    gzip_vary on;',
    `    gzip_types ${rules.compressTypes.filter((t) => t !== 'text/html').join(' ')};`,
    '',
    '    # 安全响应头（404 也带）；页面、数据等文件每次向服务器确认是否有更新。',
    headers(rules.cache.revalidate, '    '),
    '',
    '    # 文件名随内容变化的文件（_astro/ 的样式和脚本、Pagefind 的索引分片）：浏览器可缓存一年。',
    `    location ~ ^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${hashed}$ {`,
    `        alias ${root}$1;`,
    headers(rules.cache.immutable, '        '),
    '    }',
    '}',
    '',
  ];
  return lines.join('\n');
}
