import build from '../build';
import { ENGINES, startEngine } from './engines';

/**
 * Before the engine tier's first test: builds the apps (the production-profile tests run
 * them from dist/ as separate processes) and starts every engine the tier needs, unless
 * the user points at their own.
 */
export default function globalSetup(): void {
  build();
  const started: string[] = [];
  for (const engine of ENGINES) {
    if (engine.givenBy && process.env[engine.givenBy]) continue;
    Object.assign(process.env, startEngine(engine));
    started.push(engine.name);
  }
  process.env.BANSOS_ENGINES_STARTED = started.join(',');
}
