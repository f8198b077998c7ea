import type { LintRule } from '../rule.ts';
import { halfwidthPunctuation } from './halfwidth-punctuation.ts';
import { headingNumbering } from './heading-numbering.ts';
import { hiddenContent } from './hidden-content.ts';
import { injectedTerm } from './injected-term.ts';
import { invisibleChar } from './invisible-char.ts';
import { linkDomain } from './link-domain.ts';
import { numeralZero } from './numeral-zero.ts';
import { officialName } from './official-name.ts';
import { quoteMarks } from './quote-marks.ts';
import { unsafeHtml } from './unsafe-html.ts';
import { unsafeUrl } from './unsafe-url.ts';

/** Every content rule, the publishing-safety ones first. */
export const LINT_RULES: readonly LintRule[] = [
  injectedTerm,
  hiddenContent,
  unsafeHtml,
  unsafeUrl,
  linkDomain,
  officialName,
  invisibleChar,
  halfwidthPunctuation,
  quoteMarks,
  headingNumbering,
  numeralZero,
];
