import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { describeError, exitOn, nestLogLevels } from '@bansos/hosting';
import {
  embeddedApi,
  loadEmbeddedConfig,
  loadProductionConfig,
  openEmbeddedSystem,
  openProductionApi,
  selectedProfile,
} from '@bansos/platform';
import { createApp } from './app.factory';

const logger = new Logger('cek-bansos');

/** `npm start`: the whole system in one process on the embedded on-disk stores. */
async function startEmbedded(): Promise<void> {
  const config = loadEmbeddedConfig();
  const system = await openEmbeddedSystem({
    dataDir: config.dataDir,
    tokenSecret: config.tokenSecret,
    lookupSecret: config.lookupSecret,
    onProjectorError: (error) => logger.error(describeError(error)),
  });
  const app = await createApp(embeddedApi(system), {
    checkRateLimitPerMinute: config.checkRateLimitPerMinute,
    logger: nestLogLevels(config.logLevel),
  });
  await app.listen({ port: config.port, host: config.host });
  logger.log(`listening on http://${config.host}:${config.port} (data in ${config.dataDir}); OpenAPI at /api/docs`);
  onSignal(async () => {
    await app.close();
    await system.close();
  });
}

/** PROFILE=production: the API process alone, over EventStoreDB and MongoDB. */
async function startProduction(): Promise<void> {
  const config = loadProductionConfig('api');
  const system = await openProductionApi(config);
  const app = await createApp(system, {
    checkRateLimitPerMinute: config.checkRateLimitPerMinute,
    logger: nestLogLevels(config.logLevel),
  });
  await app.listen({ port: config.port, host: config.host });
  logger.log(`listening on http://${config.host}:${config.port} (production profile); OpenAPI at /api/docs`);
  onSignal(async () => {
    await app.close();
    await system.close();
  });
}

/** Stops taking requests, lets those in flight finish, then closes the stores. */
function onSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const handle = (): void => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      (error: unknown) => exitOn(error),
    );
  };
  process.once('SIGINT', handle);
  process.once('SIGTERM', handle);
}

Promise.resolve()
  .then(() => (selectedProfile() === 'production' ? startProduction() : startEmbedded()))
  .catch(exitOn);
