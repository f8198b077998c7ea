/** What every import source is reduced to: the document's blocks in reading order. */
export type Block =
  | { kind: 'text'; text: string; /** h1–h6 in HTML/DOCX sources */ headingLevel?: number; line?: number }
  | { kind: 'table'; rows: string[][] };

/** Something in the source that import would not carry over silently. */
export interface ImportNotice {
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** Where in the source (line for text files, a snippet for HTML/DOCX). */
  where?: string;
}
