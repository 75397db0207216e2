import { Writable } from 'node:stream';

/** A writable that keeps what is written, for commands run in-process. */
export class Captured extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** stdout, stderr and an environment without the variables that would point the CLI elsewhere. */
export function capturedIo() {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !['DATA_DIR', 'TOKEN_SECRET', 'LOOKUP_SECRET'].includes(name)),
  );
  return { stdout: new Captured(), stderr: new Captured(), env };
}
