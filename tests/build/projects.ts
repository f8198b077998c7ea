/** Small projects for the build-cache tests: the samples plus their 2021 predecessors (4 reports, both types). */
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { stages } from '../../src/build/stages.ts';
import { digestBytes, listFiles } from '../../src/store/files.ts';
import { copySample, REPO } from '../integrity/sample-project.ts';

export { replaceIn } from '../integrity/sample-project.ts';

export const FZ_2021 = 'chenxi-2021-fazhi-zhengfu';
export const FZ_2022 = 'chenxi-2022-fazhi-zhengfu';
export const XX_2021 = 'chenxi-sifaju-2021-xinxi-gongkai';
export const XX_2022 = 'chenxi-sifaju-2022-xinxi-gongkai';

export function projectWithYears(prefix: string): string {
  const dir = copySample(prefix);
  cpSync(path.join(REPO, 'tests/web/fixtures/earlier-years/reports'), path.join(dir, 'content/reports'), { recursive: true });
  return dir;
}

/** Every stage but the PDF and the OFD copy made from it: the PDF has its own, slower test. */
export const withoutPdf = stages.filter((s) => s.id !== 'pdf' && s.id !== 'ofd');

/** path → sha256 of every file under `dir`. */
export function hashes(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).map((f) => [f, digestBytes(readFileSync(path.join(dir, f))).sha256]));
}

export const manifestOf = (dist: string) => readFileSync(path.join(dist, 'manifest.json'), 'utf8');
