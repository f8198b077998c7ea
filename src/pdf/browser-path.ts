/**
 * Which Chromium-family browser prints the PDF: the one named by CHROME_PATH or
 * PUPPETEER_EXECUTABLE_PATH, else the first found among the usual install locations of Chromium,
 * Chrome and Edge on Linux, Windows and macOS. Pure: the environment and the file check are
 * passed in, so every platform's rules are tested on any machine.
 *
 * Chromium's headless shell (Debian's chromium-headless-shell) comes first: the same Blink and
 * Skia make the same PDF, byte for byte once finished (tests/pdf/headless-shell.e2e.test.ts), in
 * about a quarter of the time. The full browser's headless mode sends every print through the
 * print preview's machinery and a PrintCompositor process started for each print.
 */
import path from 'node:path';

export const BROWSER_ENV_VARS = ['CHROME_PATH', 'PUPPETEER_EXECUTABLE_PATH'] as const;

export interface BrowserSearch {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  exists(file: string): boolean;
  /** The user's home folder (for per-user installs). */
  home?: string;
}

export type BrowserFound = { ok: true; path: string; from: string } | { ok: false; message: string };

/** Install locations, most specific first: Chromium, then Chrome, then Edge. */
export function browserCandidates(platform: NodeJS.Platform, env: Record<string, string | undefined>, home?: string): string[] {
  if (platform === 'win32') {
    const win = path.win32;
    const roots = [env.LOCALAPPDATA, env.PROGRAMFILES ?? 'C:\\Program Files', env['PROGRAMFILES(X86)'] ?? env['ProgramFiles(x86)'] ?? 'C:\\Program Files (x86)'].filter(
      (r): r is string => !!r,
    );
    const under = (...rel: string[]) => roots.map((r) => win.join(r, ...rel));
    return [
      ...under('Chromium', 'Application', 'chrome.exe'),
      ...under('Google', 'Chrome', 'Application', 'chrome.exe'),
      ...under('Microsoft', 'Edge', 'Application', 'msedge.exe'),
    ];
  }
  if (platform === 'darwin') {
    const apps = ['/Applications', ...(home ? [path.posix.join(home, 'Applications')] : [])];
    const app = (bundle: string, binary: string) => apps.map((a) => `${a}/${bundle}.app/Contents/MacOS/${binary}`);
    return [...app('Chromium', 'Chromium'), ...app('Google Chrome', 'Google Chrome'), ...app('Microsoft Edge', 'Microsoft Edge')];
  }
  // Linux and the other Unixes. Debian's /usr/bin/chromium(-headless-shell) are shell wrappers around the binaries.
  return [
    '/usr/lib/chromium/chromium-headless-shell',
    '/usr/bin/chromium-headless-shell',
    '/usr/lib/chromium/chromium',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/lib64/chromium-browser/chromium-browser',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/opt/google/chrome/chrome',
    '/usr/bin/microsoft-edge-stable',
    '/usr/bin/microsoft-edge',
    '/opt/microsoft/msedge/msedge',
  ];
}

/** Chromium's headless shell, which puppeteer starts in its own way (`headless: 'shell'`). */
export const isHeadlessShell = (executable: string): boolean => /headless[-_]shell(\.exe)?$/i.test(executable);

/** How to get a browser, in the words of the platform. */
export function installAdvice(platform: NodeJS.Platform): string {
  const env = '或者把环境变量 CHROME_PATH 设为已安装浏览器的可执行文件路径。';
  if (platform === 'win32') return `请安装 Microsoft Edge（Windows 10 及以上自带）或 Google Chrome，${env}`;
  if (platform === 'darwin') return `请安装 Google Chrome（放在“应用程序”文件夹），${env}`;
  return `请安装 Chromium（Debian：sudo apt-get install -y chromium-headless-shell，只用于打印，比完整的 Chromium 快；Ubuntu：sudo apt-get install -y chromium；或运行 bash scripts/setup.sh），${env}`;
}

export function findBrowser(search: BrowserSearch): BrowserFound {
  for (const name of BROWSER_ENV_VARS) {
    const value = search.env[name]?.trim();
    if (!value) continue;
    // A path set on purpose that doesn't exist is a mistake to report, not a cue to look elsewhere.
    if (!search.exists(value)) {
      return {
        ok: false,
        message: `环境变量 ${name} 指定的浏览器不存在：${value}。请把它改为 Chromium、Chrome 或 Edge 的可执行文件路径，或删除这个变量，让 nianbao 自动查找已安装的浏览器。`,
      };
    }
    return { ok: true, path: value, from: name };
  }
  const found = browserCandidates(search.platform, search.env, search.home).find((p) => search.exists(p));
  if (found) return { ok: true, path: found, from: '默认安装位置' };
  return { ok: false, message: `找不到用来生成 PDF 的浏览器（Chromium、Chrome 或 Edge）。${installAdvice(search.platform)}` };
}
