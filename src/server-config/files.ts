/** The server configuration files `nianbao server-config` writes, by name, for one base path and site folder. */
import { apacheConfig } from './apache.ts';
import { iisConfig } from './iis.ts';
import { nginxConfig } from './nginx.ts';
import { serverRules } from './rules.ts';

export const SERVER_CONFIG_FILES = { nginx: 'nginx.conf', apache: 'apache.conf', iis: 'web.config', readme: 'README.txt' } as const;

/** The default site folder on a Linux server: /var/www plus the sub-path (/var/www/ndbg for /ndbg/). */
export function defaultServerRoot(basePath: string): string {
  const sub = basePath.replace(/^\/+|\/+$/g, '');
  return sub ? `/var/www/${sub}` : '/var/www/html';
}

/** `fileTypes`: the output formats' file types (extension, MIME type), which the servers must send them as. */
export function serverConfigFiles(basePath: string, root = defaultServerRoot(basePath), fileTypes: readonly (readonly [string, string])[] = []): Record<string, string> {
  const rules = serverRules(basePath, root, fileTypes);
  const readme = [
    `nianbao 网站的服务器配置（子路径 ${rules.basePath}，网站文件夹 ${rules.root}）`,
    '',
    `${SERVER_CONFIG_FILES.nginx}   nginx：include 到门户网站的 server { } 里，nginx -t 后 reload。`,
    `${SERVER_CONFIG_FILES.apache}  Apache 2.4：放进 conf-available/ 后 a2enconf（需要 a2enmod headers），apache2ctl -t 后 reload。`,
    `${SERVER_CONFIG_FILES.iis}    IIS：门户网站根目录的 web.config（已有时把其中的 <location> 并入）。`,
    '',
    '三者做同样的事：',
    '- 每个回答（包括 404）带 Content-Security-Policy 响应头（含 frame-ancestors，禁止其他网站用框架嵌入）、X-Content-Type-Options、X-Frame-Options、Referrer-Policy；',
    `- 找不到的页面回答 404 状态，显示 ${rules.notFound}；`,
    '- 文件类型：CSV、JSON、HTML 等文字文件带 charset=utf-8，Pagefind 的索引文件为 application/octet-stream，.wasm 为 application/wasm；',
    '- _astro/ 和 Pagefind 索引分片的文件名随内容变化，浏览器缓存一年（immutable）；其他文件每次向服务器确认（no-cache），发布新版本后读者立即看到；',
    '- 文字类文件即时 gzip 压缩（Pagefind 的文件本身已压缩，不再压缩）。',
    '',
  ].join('\r\n');
  return {
    [SERVER_CONFIG_FILES.nginx]: nginxConfig(rules),
    [SERVER_CONFIG_FILES.apache]: apacheConfig(rules),
    [SERVER_CONFIG_FILES.iis]: iisConfig(rules),
    [SERVER_CONFIG_FILES.readme]: `\uFEFF${readme}`,
  };
}
