import { manifestStage } from '../integrity/manifest-stage.ts';
import { OUTPUT_FORMATS } from '../formats/registry.ts';
import { formatsOfForms, madeAfterPortal, type BuildStage, type DocumentForm, type OutputFormat } from '../pipeline/stage.ts';
import { webStage } from './portal.ts';
import { perReportCache, reusableWeb } from './cached-stages.ts';

/**
 * The build stages, in order: each output format of the forms asked for contributes its stage
 * (src/formats/registry.ts), around the portal. Order matters where one stage reads another's
 * output: the formats printed from the portal's print pages run after it, then the formats made
 * from another format's file (the OFD copy from the PDF), the others before (the portal lists
 * their files). The manifest stage hashes what the others wrote: it stays last. The
 * per-report stages and the portal go through the build cache (cached-stages.ts); without a cache
 * in the context they run as they are.
 */
export function stagesFor(forms: readonly DocumentForm[] = ['public'], formats: readonly OutputFormat[] = OUTPUT_FORMATS): BuildStage[] {
  const made = formatsOfForms(formats, forms);
  const cached = (f: OutputFormat) => perReportCache(f.stage(forms), f);
  const madeFrom = made.filter((f) => f.madeFrom);
  const missing = madeFrom.filter((f) => !made.includes(f.madeFrom!));
  if (missing.length) throw new Error(`输出格式 ${missing.map((f) => f.id).join('、')} 所依据的格式不在本次构建中`);
  return [
    ...made.filter((f) => !madeAfterPortal(f)).map(cached),
    reusableWeb(webStage),
    ...made.filter((f) => f.printPage).map(cached),
    ...madeFrom.map(cached),
    manifestStage,
  ];
}

/** The stages of a build of the public copies (the default). */
export const stages: BuildStage[] = stagesFor();
