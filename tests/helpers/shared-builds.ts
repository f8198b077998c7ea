/**
 * Builds of the sample project that several test files only read, made once per test run through
 * the real CLI (`nianbao build`): the first file that asks builds, any other waits for that build
 * (a lock folder and a result file in the run's folder from tests/global-setup.ts). A file that
 * changes a build works on its own copy; nothing writes into these.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { build } from '../../src/build/build.ts';
import { webStage } from '../../src/build/portal.ts';
import { TWO_SAMPLES } from '../integrity/sample-project.ts';
import { BIN, REPO } from './cli.ts';

export interface SharedBuild {
  /** The project folder that was built (content/ and templates/). */
  project: string;
  /** Its output folder. */
  dist: string;
  /** What `nianbao build` printed. */
  output: string;
}

/**
 * - `ndbg`: a copy of the two 辰溪 samples at a temporary path, built with its own base path (/ndbg/)
 *   into `<project>/dist`, as an editor builds it, with the filing copies (`--form filing`).
 * - `fzzfjs`: a copy of the two samples built with `--base /fzzfjs/ --out <folder>`.
 * - `ndbg-pages`: the two samples' site alone (the web stage, /ndbg/), with the print pages that a
 *   whole build removes once it has printed: for tests of printing.
 */
export type SharedKind = 'ndbg' | 'fzzfjs' | 'ndbg-pages';

let runFolder: string | undefined;
function folder(): string {
  if (!runFolder) {
    let provided: string | undefined;
    try {
      provided = inject('sharedBuilds');
    } catch {
      provided = undefined;
    }
    // Without the global setup (another config): builds of this process only.
    runFolder = provided && existsSync(provided) ? provided : mkdtempSync(path.join(tmpdir(), 'nianbao-suite-'));
  }
  return runFolder;
}

function runBuild(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'build', ...args], { cwd: REPO, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** The web stage alone, which leaves the print pages in place. */
async function buildPages(project: string): Promise<{ code: number | null; output: string }> {
  const log: string[] = [];
  const result = await build({ target: project, stages: [webStage], log: (m) => log.push(m) });
  return { code: result.ok ? 0 : 1, output: result.ok ? log.join('\n') : JSON.stringify(result.error ?? result.diagnostics) };
}

const cache = new Map<SharedKind, Promise<SharedBuild>>();

/** The shared build of `kind`, made now if no other test file has made (or is making) it. */
export function sharedBuild(kind: SharedKind): Promise<SharedBuild> {
  let made = cache.get(kind);
  if (!made) {
    made = make(kind);
    cache.set(kind, made);
  }
  return made;
}

async function make(kind: SharedKind): Promise<SharedBuild> {
  const root = folder();
  const result = path.join(root, `${kind}.json`);
  let builder = false;
  try {
    mkdirSync(path.join(root, `${kind}.lock`));
    builder = true;
  } catch {
    // Another test file builds it.
  }
  if (builder) {
    // The two 辰溪 samples (not the whole county year in content/), like the web tests' own builds.
    const project = path.join(root, `${kind}-project`);
    for (const file of ['site.yaml', 'issuers.yaml']) cpSync(path.join(REPO, 'content', file), path.join(project, 'content', file));
    for (const slug of TWO_SAMPLES) cpSync(path.join(REPO, 'content/reports', slug), path.join(project, 'content/reports', slug), { recursive: true });
    cpSync(path.join(REPO, 'templates'), path.join(project, 'templates'), { recursive: true });
    const dist = kind === 'fzzfjs' ? path.join(root, 'fzzfjs', 'dist') : path.join(project, 'dist');
    const run = kind === 'ndbg-pages' ? await buildPages(project) : await runBuild(kind === 'ndbg' ? [project, '--form', 'filing'] : [project, '--out', dist, '--base', '/fzzfjs/']);
    const ok = run.code === 0 && (kind === 'ndbg-pages' || run.output.includes('构建完成'));
    writeFileSync(`${result}.tmp`, JSON.stringify({ ok, project, dist, output: run.output }));
    renameSync(`${result}.tmp`, result);
  } else {
    // Wait for the file that is building it (a condition, checked until it holds).
    await new Promise<void>((resolve, reject) => {
      const started = performance.now();
      const look = () => {
        if (existsSync(result)) return resolve();
        if (performance.now() - started > 1_500_000) return reject(new Error(`the shared ${kind} build did not finish`));
        setTimeout(look, 200);
      };
      look();
    });
  }
  const { ok, project, dist, output } = JSON.parse(readFileSync(result, 'utf8')) as SharedBuild & { ok: boolean };
  if (!ok) throw new Error(`nianbao build (${kind}) failed:\n${output}`);
  return { project, dist, output };
}
