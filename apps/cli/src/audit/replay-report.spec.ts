import type { ReplayReport } from './audit-lib';
import { formatReplay } from './replay-report';

const digest = (c: string) => c.repeat(64);
const base: ReplayReport = {
  upTo: 1200n,
  events: 1200,
  rebuildMs: 600,
  compareMs: 100,
  collections: [
    { collection: 'lookup', live: { documents: 10, sha256: digest('a') }, rebuilt: { documents: 10, sha256: digest('a') }, differences: [] },
    { collection: 'reports', live: { documents: 3, sha256: digest('b') }, rebuilt: { documents: 4, sha256: digest('c') }, differences: [] },
  ],
  drift: [],
  settled: 0,
};

describe('replay report', () => {
  it('gives the rate, one line per read model with both digests, and the verdict', () => {
    expect(formatReplay(base)).toEqual([
      'replay: 1200 events up to position 1200, rebuilt in 0.60 s (2000 events/s), compared in 0.10 s',
      `lookup   10 documents  live sha256:${digest('a')}  rebuilt sha256:${digest('a')}  same`,
      `reports  live 3 / rebuilt 4 documents  live sha256:${digest('b')}  rebuilt sha256:${digest('c')}  DIFFERENT`,
      'no drift: every read model follows from the events',
    ]);
  });

  it('prints each difference by id and field names, and settled documents', () => {
    const lines = formatReplay({
      ...base,
      drift: [
        { collection: 'reports', id: 'BNS-000000000001', kind: 'changed', fields: ['status', 'updatedAt'], livePosition: 7n },
        { collection: 'lookup', id: 'nik:abc', kind: 'missing', fields: [], livePosition: null },
      ],
      settled: 2,
    });
    expect(lines.slice(3)).toEqual([
      'drift: reports changed BNS-000000000001 fields status,updatedAt',
      'drift: lookup missing nik:abc',
      'settled: 2 documents written during the replay matched once compared again at position 1200',
      'DRIFT: 2 document(s) differ from what the events make',
    ]);
  });
});
