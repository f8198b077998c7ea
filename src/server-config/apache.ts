/**
 * Apache httpd 2.4: a file for the server or virtual-host configuration (Debian: conf-available/,
 * then a2enconf), not a .htaccess. Needs mod_alias, mod_dir, mod_mime and mod_headers (Debian:
 * a2enmod headers); compresses with mod_deflate and mod_filter when they are loaded.
 */
import { preamble, type ServerRules } from './rules.ts';

const quote = (s: string) => `"${s.replace(/"/g, '\\"')}"`; // httpd unescapes only the quote itself
const regexQuote = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function apacheConfig(rules: ServerRules): string {
  const base = rules.basePath;
  const dir = rules.root;
  const header = (name: string, value: string) => `    Header always set ${name} ${quote(value)}`;
  const charset = new Set(rules.charsetTypes);
  const lines = [
    preamble(rules, (l) => `# ${l}`, 'Apache httpd 2.4 配置'),
    '# 用法（Debian/Ubuntu）：复制为 /etc/apache2/conf-available/nianbao.conf，a2enmod headers && a2enconf nianbao，',
    '# 然后 apache2ctl -t && systemctl reload apache2。也可以写进门户网站的 <VirtualHost> 里。',
    '',
    ...(base === '/'
      ? [`DocumentRoot ${quote(dir)}`]
      : [`Alias ${quote(base)} ${quote(`${dir}/`)}`, `RedirectMatch 301 ${quote(`^${regexQuote(base.slice(0, -1))}$`)} ${quote(base)}`]),
    '',
    `<Directory ${quote(dir)}>`,
    '    Options -Indexes -MultiViews',
    '    AllowOverride None',
    '    Require all granted',
    '    DirectoryIndex index.html',
    `    ErrorDocument 404 ${rules.notFound}`,
    '',
    '    # 本网站的文件类型；文字类文件加 charset=utf-8。',
    ...rules.types.map(([ext, type]) => `    AddType ${type} .${ext}`),
    `    AddCharset utf-8 ${rules.types.filter(([, t]) => charset.has(t)).map(([ext]) => `.${ext}`).join(' ')}`,
    '',
    '    # 安全响应头（404 也带）；页面、数据等文件每次向服务器确认是否有更新。',
    ...rules.headers.map(([n, v]) => header(n, v)),
    header('Cache-Control', rules.cache.revalidate),
    '',
    '    # 文字类文件即时压缩；Pagefind 的索引文件本身已压缩。',
    '    <IfModule mod_deflate.c>',
    '        <IfModule mod_filter.c>',
    `            AddOutputFilterByType DEFLATE ${rules.compressTypes.join(' ')}`,
    '        </IfModule>',
    '    </IfModule>',
    '</Directory>',
    '',
    '# 文件名随内容变化的文件（_astro/ 的样式和脚本、Pagefind 的索引分片）：浏览器可缓存一年。',
    ...rules.immutableFolders.flatMap((f) => [`<Directory ${quote(`${dir}/${f}`)}>`, header('Cache-Control', rules.cache.immutable), '</Directory>']),
    `<LocationMatch ${quote(`^${regexQuote(base)}${rules.immutablePattern}$`)}>`,
    header('Cache-Control', rules.cache.immutable),
    '</LocationMatch>',
    '',
  ];
  return lines.join('\n');
}
