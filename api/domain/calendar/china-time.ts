/** The date in China (Asia/Shanghai, UTC+8 all year) of an instant: deadlines and age rules count in it. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The time in China of an instant, to the minute, 'YYYY-MM-DDTHH:MM': what time conditions on transitions compare. */
export function chinaMinute(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
}
