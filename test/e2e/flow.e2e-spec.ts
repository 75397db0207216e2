import { describeCekBansosFlow } from '../support/flow';
import { RunningApp } from '../support/http-app';

/** The whole flow over HTTP on the embedded default, then a restart on the same data directory. */
describeCekBansosFlow('Cek Bansos over HTTP (embedded default)', async () => {
  let app = await RunningApp.start();
  return {
    call: (method, path, body, token) => app.call(method, path, body, token),
    token: (userId, role) => app.token(userId, role),
    restart: async () => {
      app = await app.restart();
    },
    headPosition: () => app.system.events.headPosition(),
    stop: () => app.stop(),
  };
});
