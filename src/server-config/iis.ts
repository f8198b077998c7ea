/**
 * IIS (7.5 and later): a web.config for the portal's site root, its settings in `<location>`
 * elements for the sub-path, so the site's folder holds only the built files (verify finds nothing
 * extra there). Elements from the IIS configuration reference: staticContent (mimeMap, clientCache),
 * httpProtocol/customHeaders, httpErrors, defaultDocument, directoryBrowse, urlCompression.
 */
import { preamble, type ServerRules } from './rules.ts';

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** IIS location paths are relative to the site root, without leading or trailing slashes. */
function locationPath(base: string, sub = ''): string {
  return `${base}${sub}`.replace(/^\/+|\/+$/g, '');
}

export function iisConfig(rules: ServerRules): string {
  const charset = new Set(rules.charsetTypes);
  const webServer = (indent: string, body: string[]) => [`${indent}<system.webServer>`, ...body.map((l) => `${indent}  ${l}`), `${indent}</system.webServer>`];
  const location = (sub: string, body: string[]) => {
    const p = locationPath(rules.basePath, sub);
    // The site root itself (base path /) needs no location element.
    return p ? [`  <location path="${xml(p)}">`, ...webServer('    ', body), '  </location>'] : webServer('  ', body);
  };
  const main = [
    '<staticContent>',
    ...rules.types.flatMap(([ext, type]) => [
      `  <remove fileExtension=".${ext}" />`,
      `  <mimeMap fileExtension=".${ext}" mimeType="${xml(charset.has(type) ? `${type}; charset=utf-8` : type)}" />`,
    ]),
    '  <clientCache cacheControlMode="DisableCache" />',
    '</staticContent>',
    '<httpProtocol>',
    '  <customHeaders>',
    ...rules.headers.flatMap(([name, value]) => [`    <remove name="${xml(name)}" />`, `    <add name="${xml(name)}" value="${xml(value)}" />`]),
    '  </customHeaders>',
    '</httpProtocol>',
    '<httpErrors errorMode="Custom" existingResponse="Replace">',
    '  <remove statusCode="404" subStatusCode="-1" />',
    `  <error statusCode="404" path="${xml(rules.notFound)}" responseMode="ExecuteURL" />`,
    '</httpErrors>',
    '<defaultDocument enabled="true">',
    '  <files>',
    '    <clear />',
    '    <add value="index.html" />',
    '  </files>',
    '</defaultDocument>',
    '<directoryBrowse enabled="false" />',
    '<urlCompression doStaticCompression="true" doDynamicCompression="false" />',
  ];
  const immutable = [
    '<staticContent>',
    // cacheControlCustom is added to the max-age IIS writes: "max-age=31536000,public, immutable".
    '  <clientCache cacheControlMode="UseMaxAge" cacheControlMaxAge="365.00:00:00" cacheControlCustom="public, immutable" />',
    '</staticContent>',
  ];
  const folder = locationPath(rules.basePath);
  const comment = preamble(rules, (l) => `  ${l}`, 'IIS web.config', folder ? `网站文件在门户网站根目录下的 ${folder} 文件夹（把 dist/ 的内容复制到这里）` : '网站文件在门户网站的根目录');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!--',
    comment.replace(/--/g, '—'),
    '  用法：放在门户网站的根目录（已有 web.config 时，把下面的 <location> 元素并入它的 <configuration>）；',
    '  IIS 提示某个配置节被锁定时，由服务器管理员解锁，如 appcmd unlock config -section:system.webServer/httpErrors。',
    '  Pagefind 的索引分片文件名也随内容变化，但分在各年度的文件夹里，IIS 的 location 不能按模式匹配，所以按普通文件处理。',
    '-->',
    '<configuration>',
    ...location('', main),
    ...rules.immutableFolders.flatMap((f) => location(`${f}/`, immutable)),
    '</configuration>',
    '',
  ].join('\n');
}
