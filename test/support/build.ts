import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Before any test: compiles the sources to dist/, as `npm install` does. The CLI tests run
 * bin/bansos, and the embedded projector thread runs the compiled worker even when the
 * test itself runs from the TypeScript sources; neither may run a stale build.
 */
export default function build(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: join(__dirname, '..', '..'), stdio: 'inherit' });
}
