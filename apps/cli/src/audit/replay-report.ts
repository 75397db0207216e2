import type { ReplayReport } from './audit-lib';

/**
 * The replay's report as printed: one line per read model with both digests, one line
 * per difference (ids and field names only: lookup ids are keyed hashes, report ids are
 * tickets; values could hold names and NIKs), and the verdict last.
 */
export function formatReplay(report: ReplayReport): string[] {
  const seconds = report.rebuildMs / 1000;
  const rate = report.events / Math.max(seconds, 0.001);
  const lines = [
    `replay: ${report.events} events up to position ${report.upTo}, rebuilt in ${seconds.toFixed(2)} s ` +
      `(${Math.round(rate)} events/s), compared in ${(report.compareMs / 1000).toFixed(2)} s`,
  ];
  const width = Math.max(...report.collections.map((c) => c.collection.length), 0);
  for (const c of report.collections) {
    const same = c.live.sha256 === c.rebuilt.sha256 ? 'same' : 'DIFFERENT';
    const counts = c.live.documents === c.rebuilt.documents ? `${c.live.documents}` : `live ${c.live.documents} / rebuilt ${c.rebuilt.documents}`;
    lines.push(`${c.collection.padEnd(width)}  ${counts} documents  live sha256:${c.live.sha256}  rebuilt sha256:${c.rebuilt.sha256}  ${same}`);
  }
  for (const d of report.drift) {
    lines.push(`drift: ${d.collection} ${d.kind} ${d.id}${d.fields.length > 0 ? ` fields ${d.fields.join(',')}` : ''}`);
  }
  if (report.settled > 0) {
    lines.push(`settled: ${report.settled} documents written during the replay matched once compared again at position ${report.upTo}`);
  }
  lines.push(
    report.drift.length === 0
      ? 'no drift: every read model follows from the events'
      : `DRIFT: ${report.drift.length} document(s) differ from what the events make`,
  );
  return lines;
}
