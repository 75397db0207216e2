import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { parseKk, parseNik } from '@bansos/application';
import { toWib, wibDate } from '@bansos/domain';
import type { ApiSystem } from '@bansos/platform';
import type { LookupDocument } from '@bansos/read-models';
import { SYSTEM } from '../../system.token';

export class CheckNikQuery {
  constructor(readonly body: { readonly nik?: unknown; readonly kk?: unknown }) {}
}

export type CheckResult =
  | {
      readonly enrolled: true;
      readonly match: 'person' | 'household';
      readonly name: string | null;
      readonly program: unknown;
      readonly source: unknown;
      readonly enrolledAt: string | null;
      readonly message: string;
    }
  | { readonly enrolled: false; readonly message: string };

/** The public check: the lookup read model only, by keyed hash; never an address. */
@QueryHandler(CheckNikQuery)
export class CheckNikHandler implements IQueryHandler<CheckNikQuery, CheckResult> {
  constructor(@Inject(SYSTEM) private readonly system: ApiSystem) {}

  async execute({ body }: CheckNikQuery): Promise<CheckResult> {
    const input = { regions: this.system.regions, today: wibDate(this.system.clock.now()) };
    const nik = parseNik(body.nik, input);
    const kk = body.kk === undefined || body.kk === null || body.kk === '' ? null : parseKk(body.kk, input);
    const keys = this.system.lookupKeys;
    const person = (await this.system.readModels.get('lookup', keys.nik(nik)))?.doc as LookupDocument | undefined;
    if (person?.enrolled) return enrolled('person', person);
    const householdKeys = new Set([person?.householdKey, kk ? keys.kk(kk) : null].filter((k): k is string => !!k));
    for (const key of householdKeys) {
      const household = (await this.system.readModels.get('lookup', key))?.doc as LookupDocument | undefined;
      if (household?.enrolled) return enrolled('household', household);
    }
    return {
      enrolled: false,
      message:
        'NIK ini belum tercatat sebagai penerima bansos. Jika Anda merasa layak, silakan ajukan laporan melalui menu Lapor.',
    };
  }
}

function enrolled(match: 'person' | 'household', doc: LookupDocument): CheckResult {
  const whom = match === 'person' ? 'NIK ini' : 'Keluarga (KK) pemilik NIK ini';
  return {
    enrolled: true,
    match,
    name: doc.maskedName,
    program: doc.program,
    source: doc.source,
    enrolledAt: doc.enrolledAt ? toWib(doc.enrolledAt) : null,
    message: `${whom} sudah terdaftar sebagai penerima bansos (${doc.program?.name ?? '-'}, sumber ${doc.source ?? '-'}).`,
  };
}
