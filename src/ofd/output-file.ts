import type { DocumentForm } from '../pipeline/stage.ts';

/** Where a report's OFD copy goes under the site: the filing copy (备案件) is `-beian`. */
export const ofdFile = (form: DocumentForm) => (slug: string): string => (form === 'filing' ? `downloads/${slug}-beian.ofd` : `downloads/${slug}.ofd`);
