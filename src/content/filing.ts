/**
 * The filing copy's settings (report.yaml `filing:`), resolved against issuers.yaml and checked
 * against the report: the 发文机关 exist, the 发文字号's year is the year the document was written,
 * the 印发日期 is not before the 成文日期, and a document marked secret is not published.
 */
import { diag, type Diagnostic, type SourcePosition } from '../diagnostics/diagnostic.ts';
import { DOC_NUMBER } from '../schema/filing.ts';
import type { Issuer } from '../schema/issuer.ts';
import type { ReportMeta } from '../schema/report.ts';
import { unknownIssuer, type IssuerDirectory } from './issuers.ts';
import type { FilingModel } from './model.ts';

export function resolveFiling(
  meta: ReportMeta,
  issuer: Issuer,
  directory: IssuerDirectory,
  positionOf: (path: readonly PropertyKey[]) => SourcePosition,
): { filing: FilingModel; diagnostics: Diagnostic[] } {
  const f = meta.filing;
  const diagnostics: Diagnostic[] = [];
  const issuers: Issuer[] = [];
  (f?.issuedBy ?? [issuer.id]).forEach((id, i) => {
    const found = directory.byId.get(id);
    if (found) issuers.push(found);
    else diagnostics.push(unknownIssuer(id, directory, positionOf(['filing', 'issuedBy', i])));
  });
  const docNumber = f?.docNumber ?? meta.docNumber;
  const mainRecipient = f?.mainRecipient ?? meta.mainRecipient;
  if (docNumber) {
    const year = DOC_NUMBER.exec(docNumber)?.[2];
    if (year && year !== meta.writtenDate.slice(0, 4)) {
      diagnostics.push(
        diag('warning', 'filing.doc-number-year', positionOf(f?.docNumber ? ['filing', 'docNumber'] : ['docNumber']), `发文字号 ${docNumber} 的年份 ${year} 与成文日期 ${meta.writtenDate} 的年份不同。`, {
          hint: '发文字号的年份一般是发文（成文）的年份：核对 docNumber 和 writtenDate。',
          value: docNumber,
        }),
      );
    }
  }
  if (f?.printedDate && f.printedDate < meta.writtenDate) {
    diagnostics.push(
      diag('error', 'filing.printed-before-written', positionOf(['filing', 'printedDate']), `印发日期 ${f.printedDate} 早于成文日期 ${meta.writtenDate}。`, {
        hint: '公文先成文后印发：核对 filing.printedDate 和 writtenDate。',
        value: f.printedDate,
      }),
    );
  }
  if (f?.secrecy && meta.status === 'published') {
    diagnostics.push(
      diag('error', 'filing.secret-published', positionOf(['filing', 'secrecy']), `报告标有密级“${f.secrecy}”，却要在网站发布。`, {
        hint: '涉密文件不得在网站公开。确认已解密后删去 filing.secrecy；未解密的文件不要放进本网站（或改为 status: draft）。',
        value: f.secrecy,
      }),
    );
  }
  return {
    diagnostics,
    filing: {
      issuers,
      ...(docNumber ? { docNumber } : {}),
      ...(mainRecipient ? { mainRecipient } : {}),
      signers: f?.signers ?? [],
      copyTo: f?.copyTo ?? [],
      ...(f?.printedBy ? { printedBy: f.printedBy } : {}),
      ...(f?.printedDate ? { printedDate: f.printedDate } : {}),
      ...(f?.copyNumber ? { copyNumber: f.copyNumber } : {}),
      ...(f?.secrecy ? { secrecy: f.secrecy } : {}),
      ...(f?.urgency ? { urgency: f.urgency } : {}),
      sealing: f?.sealing ?? 'unsealed',
      ...(f?.signedBy ? { signedBy: f.signedBy } : {}),
    },
  };
}
