import type { Severity, SourcePosition } from '../diagnostics/diagnostic.ts';
import type { LintSettings } from '../schema/site.ts';
import type { LintSubject } from './subject.ts';

export type { LintSettings };

export interface LintContext {
  settings: LintSettings;
  /** The site's own domain, always allowed as a link target. */
  siteDomain?: string;
}

/** One problem a rule found; the runner turns it into a Diagnostic with the configured severity. */
export interface Finding {
  at: SourcePosition;
  message: string;
  hint: string;
  value?: string;
}

/** A content rule: one module each, in `src/lint/rules/`. */
export interface LintRule {
  /** Stable id, `lint.*`; site.yaml `lint.levels` refers to it. */
  id: string;
  /** Severity unless the site changes it. */
  severity: Severity;
  /** What the rule looks for, one line in Chinese (for the README and error listings). */
  title: string;
  check(subject: LintSubject, context: LintContext): Finding[];
}
