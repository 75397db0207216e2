/** Logs never hold a NIK or KK in clear: any run of 16 digits is masked before it is written. */
export function redact(text: string): string {
  return text.replace(/\d{16}/g, (digits) => `${digits.slice(0, 4)}************`);
}
