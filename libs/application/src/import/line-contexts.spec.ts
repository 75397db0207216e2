import { lineContexts } from './line-contexts';

describe('lineContexts', () => {
  it('gives each line its own command id under one import, by one staff member, at the time the line is read', () => {
    let ms = Date.parse('2026-12-01T00:00:00Z');
    const contextFor = lineContexts('import-1', 'petugas-7', () => new Date(ms++));
    const second = contextFor(2);
    const third = contextFor(3);
    expect(second).toEqual({
      commandId: 'import-1:2',
      at: '2026-12-01T00:00:00.000Z',
      actor: { kind: 'staff', userId: 'petugas-7', role: 'operator' },
      correlationId: 'import-1',
      causationId: null,
    });
    expect(third.commandId).toBe('import-1:3');
    expect(third.at).toBe('2026-12-01T00:00:00.001Z');
    // The same line of the same import is the same command: a re-run writes the same event ids.
    expect(contextFor(2).commandId).toBe(second.commandId);
  });
});
