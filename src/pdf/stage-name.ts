import type { DocumentForm } from '../pipeline/stage.ts';

/** The PDF stage's id and progress label, apart from its code: the output format declares its stage with them before loading it. */
export const pdfStageName = (form: DocumentForm = 'public') =>
  form === 'filing' ? { id: 'pdf-filing', label: '生成 PDF（备案件）' } : { id: 'pdf', label: '生成 PDF（打印版）' };
