/**
 * The page of GB/T 9704-2012 in millimetres: A4, 天头 37 mm, 订口 28 mm, type area (版心)
 * 156 × 225 mm, 22 lines of 28 characters. The Word renderer converts it to twips, the print
 * layout to points; both start from these numbers.
 */
export const PAGE_MM = { width: 210, height: 297, top: 37, bottom: 35, left: 28, right: 26 } as const;

export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;
