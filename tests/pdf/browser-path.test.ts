import { describe, expect, it } from 'vitest';
import { browserCandidates, findBrowser, isHeadlessShell } from '../../src/pdf/browser-path.ts';

const only = (...files: string[]) => (f: string) => files.includes(f);

describe('finding the browser that prints the PDF', () => {
  it('takes CHROME_PATH first, then PUPPETEER_EXECUTABLE_PATH', () => {
    const exists = only('/opt/a/chrome', '/opt/b/chrome', '/usr/bin/chromium');
    expect(findBrowser({ env: { CHROME_PATH: '/opt/a/chrome', PUPPETEER_EXECUTABLE_PATH: '/opt/b/chrome' }, platform: 'linux', exists })).toEqual({
      ok: true,
      path: '/opt/a/chrome',
      from: 'CHROME_PATH',
    });
    expect(findBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: '/opt/b/chrome' }, platform: 'linux', exists })).toMatchObject({ ok: true, path: '/opt/b/chrome' });
  });

  it('reports a CHROME_PATH that points nowhere instead of quietly using another browser', () => {
    const found = findBrowser({ env: { CHROME_PATH: '/nonexistent/chrome' }, platform: 'linux', exists: only('/usr/bin/chromium') });
    expect(found.ok).toBe(false);
    if (!found.ok) {
      expect(found.message).toContain('CHROME_PATH');
      expect(found.message).toContain('/nonexistent/chrome');
      expect(found.message).toContain('不存在');
    }
  });

  it('falls back to the usual install locations, Chromium before Chrome before Edge', () => {
    expect(findBrowser({ env: {}, platform: 'linux', exists: only('/usr/bin/google-chrome', '/usr/bin/chromium') })).toMatchObject({ path: '/usr/bin/chromium' });
    expect(findBrowser({ env: {}, platform: 'linux', exists: only('/opt/microsoft/msedge/msedge') })).toMatchObject({ path: '/opt/microsoft/msedge/msedge' });
    // Debian's real binaries come before their shell wrappers.
    const linux = browserCandidates('linux', {});
    expect(linux.indexOf('/usr/lib/chromium/chromium')).toBeLessThan(linux.indexOf('/usr/bin/chromium'));
    expect(linux.indexOf('/usr/lib/chromium/chromium-headless-shell')).toBeLessThan(linux.indexOf('/usr/bin/chromium-headless-shell'));
  });

  it('takes Chromium’s headless shell before the full browser, and starts it as one', () => {
    const debian = only('/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium-headless-shell');
    expect(findBrowser({ env: {}, platform: 'linux', exists: debian })).toMatchObject({ path: '/usr/lib/chromium/chromium-headless-shell' });
    expect(findBrowser({ env: {}, platform: 'linux', exists: only('/usr/bin/chromium-headless-shell', '/usr/bin/chromium') })).toMatchObject({ path: '/usr/bin/chromium-headless-shell' });
    // Without it, the full browser.
    expect(findBrowser({ env: {}, platform: 'linux', exists: only('/usr/lib/chromium/chromium', '/usr/bin/google-chrome') })).toMatchObject({ path: '/usr/lib/chromium/chromium' });
    // CHROME_PATH still decides.
    expect(findBrowser({ env: { CHROME_PATH: '/usr/lib/chromium/chromium' }, platform: 'linux', exists: debian })).toMatchObject({ path: '/usr/lib/chromium/chromium' });
    expect(isHeadlessShell('/usr/lib/chromium/chromium-headless-shell')).toBe(true);
    expect(isHeadlessShell('/home/u/.cache/puppeteer/chrome-headless-shell/linux-156/chrome-headless-shell-linux64/chrome-headless-shell')).toBe(true);
    expect(isHeadlessShell('C:\\chrome-headless-shell-win64\\chrome-headless-shell.exe')).toBe(true);
    expect(isHeadlessShell('/usr/lib/chromium/chromium')).toBe(false);
    expect(isHeadlessShell('/opt/google/chrome/chrome')).toBe(false);
  });

  it('knows the Windows locations, per user and per machine', () => {
    const env = { LOCALAPPDATA: 'C:\\Users\\li\\AppData\\Local', PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' };
    const list = browserCandidates('win32', env);
    expect(list).toContain('C:\\Users\\li\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe');
    expect(list).toContain('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
    expect(list).toContain('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(list.indexOf('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe')).toBeLessThan(list.indexOf('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'));
    expect(findBrowser({ env, platform: 'win32', exists: only('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe') })).toMatchObject({ ok: true });
  });

  it('knows the macOS application bundles', () => {
    const list = browserCandidates('darwin', {}, '/Users/li');
    expect(list).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(list).toContain('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge');
    expect(list).toContain('/Users/li/Applications/Chromium.app/Contents/MacOS/Chromium');
  });

  it('says in Chinese how to install one when there is none', () => {
    const linux = findBrowser({ env: {}, platform: 'linux', exists: () => false });
    const windows = findBrowser({ env: {}, platform: 'win32', exists: () => false });
    const mac = findBrowser({ env: {}, platform: 'darwin', exists: () => false });
    expect(linux).toMatchObject({ ok: false });
    expect(!linux.ok && linux.message).toContain('apt-get install -y chromium');
    expect(!windows.ok && windows.message).toContain('Microsoft Edge');
    expect(!mac.ok && mac.message).toContain('Google Chrome');
    for (const r of [linux, windows, mac]) expect(!r.ok && r.message).toContain('CHROME_PATH');
  });
});
