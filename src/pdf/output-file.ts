import type { DocumentForm } from '../pipeline/stage.ts';

/** Where a report's PDF goes under the site: the filing copy (备案件) is `-beian`. */
export const pdfFile = (form: DocumentForm) => (slug: string): string => (form === 'filing' ? `downloads/${slug}-beian.pdf` : `downloads/${slug}.pdf`);
