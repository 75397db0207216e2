import { appForAll } from '../support/http-app';

describe('health over HTTP (embedded default)', () => {
  const app = appForAll();

  it('answers liveness with the profile and the projected position', async () => {
    const res = await app().call('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', profile: 'embedded', projectedPosition: expect.stringMatching(/^-?\d+$/) });
  });

  it('is ready while both stores answer and the projector runs, and says which one does not once it is gone', async () => {
    const ready = await app().call('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual([
      { name: 'event store (SQLite)', ok: true },
      { name: 'read models (SQLite)', ok: true },
      { name: 'projector', ok: true },
    ]);
    await app().system.readModels.close();
    const notReady = await app().call('GET', '/health/ready');
    expect(notReady.status).toBe(503);
    expect(notReady.body).toMatchObject({ status: 'not_ready', checks: [{ ok: true }, { name: 'read models (SQLite)', ok: false }, { name: 'projector', ok: true }] });
  });
});
