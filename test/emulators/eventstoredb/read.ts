import { randomUUID } from 'node:crypto';
import { status, type ServerWritableStream } from '@grpc/grpc-js';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { EmulatedLog, LoggedEvent } from './log';
import { serverError, streamName, toReadEvent, toStreamIdentifier } from './wire';

type ReadCall = ServerWritableStream<ReadReq, ReadResp>;
const { ReadDirection, CountOptionCase, FilterOptionCase } = ReadReq.Options;
const { RevisionOptionCase } = ReadReq.Options.StreamOptions;
const { AllOptionCase } = ReadReq.Options.AllOptions;

/**
 * Streams.Read serves stream reads, $all reads and catch-up subscriptions (to a stream
 * or to $all). Every message waits for the client to take the one before (gRPC flow
 * control), so a slow subscriber slows the emulator down instead of growing a buffer.
 */
export function readHandler(log: EmulatedLog) {
  return (call: ReadCall): void => {
    serve(log, new Outlet(call)).then(
      () => call.end(),
      // A writable server call turns an 'error' into the call's status and trailers.
      (error: unknown) => call.emit('error', error),
    );
  };
}

/** The response side of one call: writes that wait for the client, and whether it has gone. */
class Outlet {
  /** Settles when the client cancels (or the connection drops). */
  readonly gone: Promise<void>;

  constructor(readonly call: ReadCall) {
    this.gone = new Promise((resolve) => call.once('cancelled', () => resolve()));
  }

  get open(): boolean {
    return !this.call.cancelled && !this.call.destroyed;
  }

  /** Writes one message; waits while the client's window is full. False once the client has gone. */
  async write(message: ReadResp): Promise<boolean> {
    if (!this.open) return false;
    if (this.call.write(message)) return true;
    let drained: () => void = () => undefined;
    await Promise.race([new Promise<void>((resolve) => this.call.once('drain', (drained = resolve))), this.gone]);
    this.call.off('drain', drained);
    return this.open;
  }
}

async function serve(log: EmulatedLog, out: Outlet): Promise<void> {
  const call = out.call;
  const options = call.request.getOptions();
  if (!options) throw serverError(status.INVALID_ARGUMENT, 'a read needs its options');
  if (options.getFilterOptionCase() === FilterOptionCase.FILTER) {
    throw serverError(status.UNIMPLEMENTED, 'server-side filters are not part of this emulator');
  }
  const structuredIds = options.getUuidOption()?.hasStructured() ?? false;
  const send = (event: LoggedEvent) => out.write(toReadEvent(event, structuredIds));
  const subscribing = options.getCountOptionCase() === CountOptionCase.SUBSCRIPTION;
  const stream = options.getStream();

  if (stream) {
    const name = streamName(stream.getStreamIdentifier());
    if (subscribing) return subscribe(log, out, send, streamCursor(log, name, stream));
    const events = log.stream(name);
    if (!events) {
      const notFound = new ReadResp.StreamNotFound().setStreamIdentifier(toStreamIdentifier(name));
      await out.write(new ReadResp().setStreamNotFound(notFound));
      return;
    }
    return sendAll(send, pickFromStream(events, stream, options));
  }
  const all = options.getAll();
  if (!all) throw serverError(status.INVALID_ARGUMENT, 'a read needs a stream or $all');
  if (subscribing) return subscribe(log, out, send, allCursor(log, all));
  return sendAll(send, pickFromAll(log, all, options));
}

type From = 'start' | 'end' | number;

function* pickFromStream(events: readonly LoggedEvent[], stream: ReadReq.Options.StreamOptions, options: ReadReq.Options) {
  const from = revisionOption(stream) ?? Number(stream.getRevision());
  yield* walk(events.length, (i) => events[i], from, options);
}

/** $all forwards from a position includes the event there; backwards stops before it. */
function* pickFromAll(log: EmulatedLog, all: ReadReq.Options.AllOptions, options: ReadReq.Options) {
  const at = () => log.indexAtOrAfter(commitPosition(all)) - (backwards(options) ? 1 : 0);
  yield* walk(log.length, (i) => log.at(i), allOption(all) ?? at(), options);
}

/** Up to `count` events from index `from` on, in the direction asked. */
function* walk(length: number, get: (index: number) => LoggedEvent, from: From, options: ReadReq.Options) {
  const [count, back] = [Number(options.getCount()), backwards(options)];
  let i = from === 'start' ? (back ? -1 : 0) : from === 'end' ? (back ? length - 1 : length) : Math.min(from, back ? length - 1 : length);
  for (let sent = 0; sent < count && i >= 0 && i < length; i += back ? -1 : 1, sent++) yield get(i);
}

const backwards = (options: ReadReq.Options): boolean => options.getReadDirection() === ReadDirection.BACKWARDS;

function revisionOption(stream: ReadReq.Options.StreamOptions): 'start' | 'end' | undefined {
  const option = stream.getRevisionOptionCase();
  return option === RevisionOptionCase.START ? 'start' : option === RevisionOptionCase.END ? 'end' : undefined;
}

function allOption(all: ReadReq.Options.AllOptions): 'start' | 'end' | undefined {
  const option = all.getAllOptionCase();
  return option === AllOptionCase.START ? 'start' : option === AllOptionCase.END ? 'end' : undefined;
}

async function sendAll(send: (event: LoggedEvent) => Promise<boolean>, events: Iterable<LoggedEvent>): Promise<void> {
  for (const event of events) if (!(await send(event))) return;
}

/** Where a subscription stands: the next event to send, if there is one yet. */
interface Cursor {
  next(): LoggedEvent | undefined;
  /** How many events of the log have been looked at, for waiting on the next append. */
  seen(): number;
}

/** From a stream revision (exclusive), the start, or the end (live events only). */
function streamCursor(log: EmulatedLog, name: string, stream: ReadReq.Options.StreamOptions): Cursor {
  const option = revisionOption(stream);
  let revision = option === 'start' ? 0 : option === 'end' ? (log.stream(name)?.length ?? 0) : Number(stream.getRevision()) + 1;
  return {
    next: () => {
      const event = log.stream(name)?.[revision];
      if (event) revision++;
      return event;
    },
    seen: () => log.length,
  };
}

/** From a position (exclusive: the event there was seen already), the start, or the end. */
function allCursor(log: EmulatedLog, all: ReadReq.Options.AllOptions): Cursor {
  const option = allOption(all);
  let index = option === 'start' ? 0 : option === 'end' ? log.length : log.indexAtOrAfter(commitPosition(all) + 1n);
  return {
    next: () => (index < log.length ? log.at(index++) : undefined),
    seen: () => index,
  };
}

/** Confirmation, the catch-up events, caught_up once, then live events until the client cancels. */
async function subscribe(
  log: EmulatedLog,
  out: Outlet,
  send: (event: LoggedEvent) => Promise<boolean>,
  cursor: Cursor,
): Promise<void> {
  const confirmation = new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID());
  if (!(await out.write(new ReadResp().setConfirmation(confirmation)))) return;
  let caughtUp = false;
  while (out.open) {
    const event = cursor.next();
    if (event) {
      if (!(await send(event))) return;
      continue;
    }
    if (!caughtUp) {
      caughtUp = true;
      if (!(await out.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp())))) return;
      continue;
    }
    const wait = log.waitForAppend(cursor.seen());
    await Promise.race([wait.appended, out.gone]);
    wait.cancel();
  }
}

function commitPosition(all: ReadReq.Options.AllOptions): bigint {
  return BigInt(all.getPosition()?.getCommitPosition() ?? '0');
}
