import { ENGINES, startEngine } from './engines';

/** Starts every engine the tier needs (unless the user points at their own) before its first test. */
export default function globalSetup(): void {
  const started: string[] = [];
  for (const engine of ENGINES) {
    if (engine.givenBy && process.env[engine.givenBy]) continue;
    Object.assign(process.env, startEngine(engine));
    started.push(engine.name);
  }
  process.env.BANSOS_ENGINES_STARTED = started.join(',');
}
