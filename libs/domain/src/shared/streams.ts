/** Stream names are `<category>-<id>`, built here and nowhere else. */
export const householdStream = (kk: string): string => `household-${kk}`;
export const nikStream = (nik: string): string => `nik-${nik}`;
export const reportStream = (ticket: string): string => `report-${ticket}`;
export const subjectStream = (nik: string): string => `subject-${nik}`;
/** One stream per case of the SLA monitor: its alerts, in the order they were raised. */
export const slaStream = (ticket: string): string => `sla-${ticket}`;

export function streamCategory(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(0, dash);
}
