import { appForAll, eventually } from '../support/http-app';

const HEADER = 'nik,kk,full_name,village_code,rt,rw,street,program_code,program_name,source';

describe('CSV import over HTTP', () => {
  const app = appForAll();

  it('accepts good lines and reports every bad line with its number and code', async () => {
    const csv = [
      HEADER,
      '3510011203750001,3510010101200001,BUDI SANTOSO,3510012001,2,1,"Jl. Raya, No. 12",PKH,Program Keluarga Harapan,PUSAT',
      '3510010508050002,3510010101200001,AGUS SANTOSO,3510012001,2,1,Jl. Raya 12,BLT,BLT Dana Desa,KABUPATEN',
      '351001120375000,3510010101200003,SALAH NIK,3510012001,2,1,Jl. Raya 12,PKH,PKH,PUSAT',
      '3510014506900001,3510010202200002,SITI AMINAH,3510012001,3,1,Jl. Mawar 1,PKH,PKH,PROVINSI',
      '3510014506900001,3510010303200003,SITI AMINAH,3510012001,3,1,Jl. Mawar 1,PKH,PKH,PROVINSI',
      'only,three,columns',
      '',
    ].join('\n');
    const res = await app().call('POST', '/api/v1/recipients/import', csv, app().token('op', 'operator'), 'text/csv');
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(2);
    expect(res.body.rejected.map((r: { line: number; code: string }) => [r.line, r.code])).toEqual([
      [3, 'HOUSEHOLD_ALREADY_ENROLLED'],
      [4, 'INVALID_NIK'],
      [6, 'NIK_IN_OTHER_HOUSEHOLD'],
      [7, 'INVALID_COLUMN_COUNT'],
    ]);
    await eventually(async () => {
      const check = await app().call('POST', '/api/v1/check', { nik: '3510014506900001' });
      expect(check.body).toMatchObject({ enrolled: true, source: 'PROVINSI' });
    });
    const son = await app().call('POST', '/api/v1/check', { nik: '3510010508050002' });
    expect(son.body.enrolled).toBe(false); // his line was refused, so his NIK was never linked to the household
  });

  it('refuses a file without the header row', async () => {
    const res = await app().call('POST', '/api/v1/recipients/import', 'a,b\n1,2', app().token('op', 'operator'), 'text/csv');
    expect(res.body).toEqual({ accepted: 0, rejected: [expect.objectContaining({ line: 1, code: 'INVALID_HEADER' })] });
  });
});
