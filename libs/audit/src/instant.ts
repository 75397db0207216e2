// A full instant with its zone: a bare date or a local time would mean different
// moments to an auditor (who thinks in WIB) and to the store (which keeps UTC).
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** An ISO-8601 instant with a zone, normalised to UTC (`...Z`); null when `raw` is not one. */
export function parseInstant(raw: unknown): string | null {
  if (typeof raw !== 'string' || !ISO_INSTANT.test(raw)) return null;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
