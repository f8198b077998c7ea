import type { DocumentForm } from '../pipeline/stage.ts';

/** The Word stage's id and progress label, apart from its code: the output format declares its stage with them before loading it. */
export const docxStageName = (form: DocumentForm = 'public') =>
  form === 'filing' ? { id: 'docx-filing', label: '生成 Word 文件（备案件）' } : { id: 'docx', label: '生成 Word 文件（公文格式）' };
