import { hmacLookupKeys } from '@bansos/read-models';
import { FATHER, oneOfEach, SON, stored, TICKET } from '../../../read-models/src/testing/stored-events';
import { auditIndexProjection, evolveAuditIndex } from './audit-index.projection';

const keys = hmacLookupKeys('rahasia-uji-bukan-produksi');
const index = auditIndexProjection(keys);
const [linked, registered, withdrawn, filed, autoRejected, assessed, disbursed, caseOpened] = oneOfEach();
function filedAgain(ticket: string, position: number) {
  if (filed.type !== 'ReportFiled') throw new Error('oneOfEach() changed its order');
  return stored({ type: 'ReportFiled', data: { ...filed.data, ticket } }, position);
}

describe('audit index projection', () => {
  it('files each report under the hashed NIK of its subject, never the NIK itself', () => {
    expect(index.keysOf(filed)).toEqual([keys.nik(SON.nik)]);
    expect(index.keysOf(filed)[0]).not.toContain(SON.nik);
  });

  it('ignores every other event', () => {
    for (const event of [linked, registered, withdrawn, autoRejected, assessed, disbursed, caseOpened]) {
      expect(index.keysOf(event)).toEqual([]);
      expect(evolveAuditIndex({ tickets: ['X'] }, event)).toEqual({ tickets: ['X'] });
    }
  });

  it('keeps every ticket of a person in filing order', () => {
    const doc = [filed, filedAgain('BNS-000000000002', 20)].reduce(evolveAuditIndex, null);
    expect(doc).toEqual({ tickets: [TICKET, 'BNS-000000000002'] });
  });

  it('changes nothing when a ReportFiled is applied twice', () => {
    const once = evolveAuditIndex(null, filed);
    expect(evolveAuditIndex(once, filed)).toBe(once);
  });

  it('keys two people apart', () => {
    expect(keys.nik(FATHER.nik)).not.toBe(keys.nik(SON.nik));
  });
});
