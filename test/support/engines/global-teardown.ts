import { ENGINES, stopEngine } from './engines';

/** Stops what the global setup started, by process id. */
export default function globalTeardown(): void {
  const started = new Set((process.env.BANSOS_ENGINES_STARTED ?? '').split(',').filter(Boolean));
  for (const engine of ENGINES) if (started.has(engine.name)) stopEngine(engine);
}
