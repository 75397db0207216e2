/** Wall-clock helpers. Stored times are UTC; people see WIB (Asia/Jakarta, UTC+7, no DST). */
export const DAY_MS = 24 * 60 * 60 * 1000;
const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * DAY_MS).toISOString();
}

/** "2026-11-30T17:05:00Z" -> "2026-12-01T00:05:00+07:00". */
export function toWib(iso: string): string {
  const shifted = new Date(Date.parse(iso) + WIB_OFFSET_MS).toISOString();
  return `${shifted.slice(0, 19)}+07:00`;
}

/** The calendar date in WIB, as used for "today" in NIK birth-year rules. */
export function wibDate(at: Date): { year: number; month: number; day: number } {
  const shifted = new Date(at.getTime() + WIB_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}
