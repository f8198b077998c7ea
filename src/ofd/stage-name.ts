import type { DocumentForm } from '../pipeline/stage.ts';

/** The OFD stage's id and progress label, apart from its code: the output format declares its stage with them before loading it. */
export const ofdStageName = (form: DocumentForm) =>
  form === 'filing' ? { id: 'ofd-filing', label: '生成 OFD 文件（备案件）' } : { id: 'ofd', label: '生成 OFD 文件（版式归档）' };
