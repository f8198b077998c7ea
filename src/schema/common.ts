import { z } from 'zod';

export const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/;

function isRealDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** `2023-01-04`. The message keys (`date`, `datetime`) are turned into Chinese hints by the diagnostics. */
export const IsoDate = z
  .string({ message: 'date' })
  .regex(DATE_RE, { message: 'date' })
  .refine((s) => {
    // Zod runs every check; a malformed value already has its format issue.
    const match = DATE_RE.exec(s);
    if (!match) return true;
    const [, y, m, d] = match.map(Number);
    return isRealDate(y!, m!, d!);
  }, { message: 'date-invalid' })
  .meta({ format: 'date', description: '写成 2023-01-04' });

/** `2023-01-04 11:30` (local time of the publishing site). */
export const LocalDateTime = z
  .string({ message: 'datetime' })
  .regex(DATETIME_RE, { message: 'datetime' })
  .refine((s) => {
    const match = DATETIME_RE.exec(s);
    if (!match) return true;
    const [, y, m, d, hh, mm] = match.map(Number);
    return isRealDate(y!, m!, d!) && hh! < 24 && mm! < 60;
  }, { message: 'date-invalid' })
  .meta({ description: '写成 2023-01-04 11:30' });

export const NonEmpty = z.string().trim().min(1);
