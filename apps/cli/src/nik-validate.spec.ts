import { PassThrough } from 'node:stream';
import { testRegions } from '../../../libs/domain/src/nik/testing-regions';
import { nikValidate, NIK_VALIDATE_USAGE, type NikValidateRecord } from './nik-validate';

const NOW = () => new Date('2026-11-30T10:00:00Z');

async function run(stdin: string | Buffer[], args: string[] = [], now = NOW) {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (c: Buffer) => (text += c.toString('utf8')));
  const done = nikValidate(args, input, output, testRegions, now);
  for (const chunk of typeof stdin === 'string' ? [stdin] : stdin) input.write(chunk);
  input.end();
  const code = await done;
  const json = code === 0 && text.startsWith('{');
  const records = json ? text.trimEnd().split('\n').map((l) => JSON.parse(l) as NikValidateRecord) : [];
  return { code, text, records };
}
const errorCodes = (r: NikValidateRecord) => r.errors.map((e) => e.code);

describe('bansos nik validate', () => {
  it('prints one JSON object per line, with fields in a fixed order', async () => {
    const { code, text } = await run('3510014506900001\n3510011203200001\n');
    expect(code).toBe(0);
    expect(text).toBe(
      '{"input":"3510014506900001","valid":true,"errors":[],"provinceCode":"35","regencyCode":"3510",' +
        '"districtCode":"351001","birthDate":"1990-06-05","sex":"F"}\n' +
        '{"input":"3510011203200001","valid":true,"errors":[],"provinceCode":"35","regencyCode":"3510",' +
        '"districtCode":"351001","birthDate":"2020-03-12","sex":"M"}\n',
    );
  });

  it('reports invalid lines with errors only, and keeps going', async () => {
    const { code, records } = await run('9910014506900001\n\n3510 14506900001\n3510014506900001');
    expect(code).toBe(0);
    expect(records).toHaveLength(4);
    expect(Object.keys(records[0])).toEqual(['input', 'valid', 'errors']);
    expect(records[0]).toEqual({
      input: '9910014506900001',
      valid: false,
      errors: [{ code: 'province', message: 'Kode provinsi (digit 1-2) tidak dikenal' }],
    });
    expect(errorCodes(records[1])).toEqual(['empty']);
    expect(errorCodes(records[2])).toEqual(['non_digit']);
    expect(records[3].valid).toBe(true); // last line without a newline
  });

  it('strips only a trailing CR; spaces and a lone CR stay', async () => {
    const stdin = '3510014506900001\r\n 3510014506900001\r\n35100145\r06900001\r\n';
    const { records } = await run(stdin);
    expect(records.map((r) => r.input)).toEqual(['3510014506900001', ' 3510014506900001', '35100145\r06900001']);
    expect(records.map((r) => r.valid)).toEqual([true, false, false]);
    expect(errorCodes(records[1])).toEqual(['length', 'non_digit']);
  });

  it('handles lines and multi-byte characters split across chunks', async () => {
    const bytes = Buffer.from('351001450690000\uff11\n3510014506900001\n', 'utf8');
    const chunks = Array.from(bytes, (b) => Buffer.from([b]));
    const { records } = await run(chunks);
    expect(records.map((r) => r.input)).toEqual(['351001450690000\uff11', '3510014506900001']);
    expect(errorCodes(records[0])).toEqual(['non_digit']);
  });

  it('defaults --today to the WIB date of now()', async () => {
    // 2026-11-30T17:30Z is already 2026-12-01 in Jakarta: 011226 is born 2026.
    const utcEvening = () => new Date('2026-11-30T17:30:00Z');
    expect((await run('3510010112260001\n', [], utcEvening)).records[0].birthDate).toBe('2026-12-01');
    const utcMorning = () => new Date('2026-11-30T16:59:59Z');
    expect((await run('3510010112260001\n', [], utcMorning)).records[0].birthDate).toBe('1926-12-01');
  });

  it('--today decides the century', async () => {
    const nik = '3510010101300001\n';
    expect((await run(nik, ['--today', '2030-01-01'])).records[0].birthDate).toBe('2030-01-01');
    expect((await run(nik, ['--today=2029-12-31'])).records[0].birthDate).toBe('1930-01-01');
  });

  it.each([
    [['--today']],
    [['--today', '2026-13-01']],
    [['--today', '2026-02-29']],
    [['--today', '30-11-2026']],
    [['--today=']],
    [['--verbose']],
    [['3171010101800001']],
  ])('exits 2 with usage on bad arguments %j', async (args) => {
    const { code, text } = await run('3510014506900001\n', args);
    expect(code).toBe(2);
    expect(text).toContain(NIK_VALIDATE_USAGE);
    expect(text).not.toContain('3171010101800001'); // a stray NIK argument is not echoed
  });

  it('--help prints usage and exits 0', async () => {
    const { code, text } = await run('', ['--help']);
    expect(code).toBe(0);
    expect(text).toBe(NIK_VALIDATE_USAGE);
  });

  it('prints nothing for empty stdin', async () => {
    expect(await run('')).toEqual({ code: 0, text: '', records: [] });
  });
});

describe('bansos nik validate --json', () => {
  it('decodes JSON string lines, so any character can be passed', async () => {
    const lines = ['"3510014506900001"', '" 3510014506900001"', '"3510014506900001\\n"', '""', '"\\u0000"'];
    const { code, records } = await run(`${lines.join('\n')}\r\n`, ['--json']);
    expect(code).toBe(0);
    expect(records.map((r) => r.input)).toEqual([
      '3510014506900001',
      ' 3510014506900001',
      '3510014506900001\n',
      '',
      '\u0000',
    ]);
    const bad = ['length', 'non_digit'];
    expect(records.map(errorCodes)).toEqual([[], bad, bad, ['empty'], bad]);
  });

  it.each([
    ['not JSON', '3510014506900001x'],
    ['empty line', ''],
    ['a number', '3510014506900001'],
    ['null', 'null'],
    ['an array', '["3510014506900001"]'],
    ['an object', '{"nik":"3510014506900001"}'],
    ['an unterminated string', '"3510014506900001'],
  ])('a line that is %s gives a json error, not a crash', async (_label, line) => {
    const { code, records } = await run(`${line}\n"3510014506900001"\n`, ['--json']);
    expect(code).toBe(0);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ input: line, valid: false });
    expect(errorCodes(records[0])).toEqual(['json']);
    expect(records[0].errors[0].message).toMatch(/string JSON/);
    expect(records[0].errors[0].message).not.toContain('3510014506900001');
    expect(records[1].valid).toBe(true);
  });
});

describe('bansos nik validate back-pressure', () => {
  it('waits for a slow reader instead of buffering everything', async () => {
    const input = new PassThrough();
    const output = new PassThrough({ highWaterMark: 64 });
    const done = nikValidate([], input, output, testRegions, NOW);
    const n = 2000;
    input.end('3510014506900001\n'.repeat(n));
    await new Promise((r) => setTimeout(r, 20));
    expect(output.writableLength).toBeLessThan(1024); // paused on 'drain'
    let lines = 0;
    output.on('data', (c: Buffer) => (lines += c.toString().split('\n').length - 1));
    expect(await done).toBe(0);
    expect(lines).toBe(n);
  });
});
