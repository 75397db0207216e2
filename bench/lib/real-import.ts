import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { importRecipients, lineContexts, type ImportReport } from '@bansos/application';
import { wibDate, type RegionCatalog } from '@bansos/domain';
import type { EventStore } from '@bansos/eventstore';
import type { System } from '@bansos/platform';
import type { LookupDocument } from '@bansos/read-models';

/** Reads the region codes now, so that loading them is not counted as import time. */
export function warmRegions(system: System): void {
  system.regions.hasProvince('35');
  system.regions.hasRegency('3510');
  system.regions.hasDistrict('351001');
  system.regions.hasVillage('3510012001');
}

export interface RealImportTiming {
  readonly report: ImportReport;
  /** From opening the file to the last chunk appended. */
  readonly importMs: number;
  /** From opening the file to the lookup read model caught up with the head. */
  readonly totalMs: number;
}

/**
 * The real import path, as `bansos import recipients` runs it (apps/cli/src/import-command.ts)
 * minus the progress bar: readline lines -> importRecipients -> event store, then wait for the
 * projector. `projectorFailed` rejects if the projector dies, since waitFor would never resolve.
 */
export async function importCsv(system: System, file: string, projectorFailed: Promise<never>): Promise<RealImportTiming> {
  const started = performance.now();
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  const report = await importLines(system.events, system.regions, lines, () => system.clock.now());
  const imported = performance.now();
  await Promise.race([system.projector.waitFor(await system.events.headPosition()), projectorFailed]);
  return { report, importMs: imported - started, totalMs: performance.now() - started };
}

/** importRecipients with the CLI's contexts (lineContexts), as `bansos import recipients` calls it. */
export function importLines(
  store: EventStore,
  regions: RegionCatalog,
  lines: AsyncIterable<string>,
  now: () => Date = () => new Date(),
): Promise<ImportReport> {
  return importRecipients(lines, {
    store,
    input: { regions, today: wibDate(now()) },
    contextFor: lineContexts(randomUUID(), 'bench-import', now),
  });
}

/** A promise that rejects with the projector's error, and the handler to give openEmbeddedSystem. */
export function projectorWatch(): { failed: Promise<never>; onProjectorError: (error: unknown) => void } {
  let fail: (error: unknown) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => undefined); // observed through Promise.race; never an unhandled rejection
  return { failed, onProjectorError: (error) => fail(error) };
}

/** Throws unless every given NIK has an enrolled person document in the lookup read model. */
export async function assertEnrolled(system: System, niks: readonly string[]): Promise<void> {
  for (const nik of niks) {
    const doc = (await system.readModels.get('lookup', system.lookupKeys.nik(nik)))?.doc as LookupDocument | undefined;
    if (!doc?.enrolled || doc.kind !== 'person') throw new Error(`lookup read model has no enrolled person for NIK ${nik}`);
  }
}
