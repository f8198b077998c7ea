import type { DocumentForm } from '../pipeline/stage.ts';

/** Where a report's Word file goes under the site: the filing copy (备案件) is `-beian`. */
export const docxFile = (form: DocumentForm) => (slug: string): string => (form === 'filing' ? `downloads/${slug}-beian.docx` : `downloads/${slug}.docx`);
