/**
 * The tamper suite: build the samples, copy dist/ as a web server would hold it, change one thing
 * the way attackers do, and check that `nianbao verify` names the file and the change, both on
 * the folder and over HTTP on 127.0.0.1. The untouched copy goes through the command line; the
 * tampered ones through the same command run in this process (tests/helpers/in-process-cli.ts).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process-cli.ts';
import { listFiles } from '../../src/store/files.ts';
import { serveStatic } from '../helpers/static-server.ts';
import { runCliAsync } from './run-cli.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';

const REPORT_PAGE = 'reports/chenxi-2022-fazhi-zhengfu/index.html';
let dist: string;
let basePath: string;
const copies: string[] = [];

beforeAll(async () => {
  // The run's shared build of the samples: only read here, every tamper works on a copy.
  dist = (await sharedBuild('ndbg')).dist;
  basePath = (JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8')) as { site: { basePath: string } }).site.basePath;
});

afterAll(() => {
  for (const d of copies) rmSync(d, { recursive: true, force: true });
});

/** The downloadable file to swap: a PDF when the build makes one, else a DOCX, else a data file. */
function downloadable(): string {
  const files = listFiles(dist);
  const pick = ['.pdf', '.docx', '.csv', '.json'].map((ext) => files.find((f) => f.endsWith(ext) && !f.startsWith('manifest') && !f.startsWith('pagefind/'))).find(Boolean);
  if (!pick) throw new Error('the build produced no downloadable file');
  return pick;
}

const edit = (dir: string, rel: string, change: (s: string) => string) => {
  const file = path.join(dir, rel);
  const before = readFileSync(file, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`tamper of ${rel} changed nothing`);
  writeFileSync(file, after);
};

interface TamperCase {
  name: string;
  apply(dir: string): void;
  /** Lines the report must contain. */
  expect(): string[];
}

const CASES: TamperCase[] = [
  {
    name: 'replaces 今年 with 娱乐老虎机 in a page',
    apply: (d) => edit(d, REPORT_PAGE, (s) => s.replaceAll('今年', '娱乐老虎机')),
    expect: () => {
      const n = readFileSync(path.join(dist, REPORT_PAGE), 'utf8').split('今年').length - 1;
      return [`已被修改：${REPORT_PAGE}`, `新增文字：“娱乐老虎机” ×${n}`, `删除文字：“今年” ×${n}`];
    },
  },
  {
    name: 'adds a hidden link',
    apply: (d) => edit(d, REPORT_PAGE, (s) => s.replace('</main>', '<a href="https://bet.example/" style="display:none">澳门新葡京</a></main>')),
    expect: () => [`已被修改：${REPORT_PAGE}`, '新增文字：“澳门新葡京”', '新增链接：https://bet.example/（<a href>）', '新增隐藏内容（暗链）：<a> display:none: 澳门新葡京'],
  },
  {
    name: 'adds a <script>',
    apply: (d) => edit(d, 'index.html', (s) => s.replace('</body>', '<script>location.href="https://bet.example/"</script></body>')),
    expect: () => ['已被修改：index.html', '新增脚本：<script>location.href="https://bet.example/"</script>'],
  },
  {
    name: 'replaces the downloadable file (PDF when there is one)',
    apply: (d) => writeFileSync(path.join(d, downloadable()), '%PDF-1.4\n% 替换后的文件\n'),
    expect: () => [`已被修改：${downloadable()}`],
  },
  {
    name: 'deletes a file',
    apply: (d) => rmSync(path.join(d, 'favicon.svg')),
    expect: () => ['缺失：favicon.svg'],
  },
  {
    name: 'adds a file (linked from the home page, so that HTTP can find it too)',
    apply: (d) => {
      mkdirSync(path.join(d, 'bocai'), { recursive: true });
      writeFileSync(path.join(d, 'bocai/index.html'), '<!doctype html><title>澳门新葡京</title><p>百家乐在线</p>');
      edit(d, 'index.html', (s) => s.replace('</main>', `<a href="${basePath}bocai/">娱乐</a></main>`));
    },
    expect: () => ['多出的文件：bocai/index.html', '页面文字：“<title> 澳门新葡京”、“百家乐在线”'],
  },
];

function freshCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-deployed-'));
  copies.push(dir);
  cpSync(dist, dir, { recursive: true });
  return dir;
}

const inProcess = (target: string) => runInProcess(['verify', target]);

describe.each([
  ['a folder', async <T>(dir: string, check: (target: string) => Promise<T>) => check(dir)],
  [
    'HTTP on 127.0.0.1',
    async <T>(dir: string, check: (target: string) => Promise<T>) => {
      const server = await serveStatic(dir, basePath);
      try {
        return await check(server.url);
      } finally {
        await server.close();
      }
    },
  ],
] as const)('nianbao verify on %s', (_, verify) => {
  it('passes the untouched copy with exit code 0', async () => {
    const [r, same] = await verify(freshCopy(), async (target) => [await runCliAsync(['verify', target]), await inProcess(target)] as const);
    expect(r.output).toContain('✓ 全部');
    expect(r.code).toBe(0);
    // Run in this process, as for the tampered copies below, the command prints the same, on the same streams.
    expect({ code: same.code, stdout: same.stdout, stderr: same.stderr }).toEqual({ code: r.code, stdout: r.stdout, stderr: r.stderr });
  });

  it.each(CASES.map((c) => [c.name, c] as const))('catches a copy that %s', async (_, c) => {
    const dir = freshCopy();
    c.apply(dir);
    const r = await verify(dir, inProcess);
    expect(r.code, r.output).toBe(1);
    for (const line of c.expect()) expect(r.output).toContain(line);
  });
});

describe('the build under test', () => {
  it('is a real build with pages and a manifest', () => {
    expect(existsSync(path.join(dist, REPORT_PAGE))).toBe(true);
    // The four places of the seed page where 娱乐老虎机 had replaced 今年, and one more in the report.
    expect(readFileSync(path.join(dist, REPORT_PAGE), 'utf8').match(/今年/g)!.length).toBeGreaterThanOrEqual(4);
  });
});
