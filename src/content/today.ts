/**
 * “Today” for deadlines and the published-report checks: `--today`, else `NIANBAO_TODAY`, else the
 * date in China (the sites and their deadlines are on Beijing time, whatever the CI machine's zone).
 */
export function today(given?: string): string {
  const fixed = given ?? process.env['NIANBAO_TODAY'];
  if (fixed) return fixed;
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
