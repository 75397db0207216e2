import { randomUUID } from 'node:crypto';
import { credentials, type ClientReadableStream, type ServiceError } from '@grpc/grpc-js';
import { Empty, UUID } from '@eventstore/db-client/generated/shared_pb';
import { AppendReq, AppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import { toStreamIdentifier } from './wire';

/**
 * The raw Streams API, message by message, for tests of the emulator's wire behaviour
 * that the high-level client hides (answer fields, message order, error trailers).
 */
export class WireClient {
  readonly streams: StreamsClient;

  constructor(port: number) {
    this.streams = new StreamsClient(`127.0.0.1:${port}`, credentials.createInsecure());
  }

  close(): void {
    this.streams.close();
  }

  append(streamId: string, expected: Expectation, events: readonly WireEvent[]): Promise<AppendResp> {
    return new Promise((resolve, reject) => {
      const call = this.streams.append((error: ServiceError | null, response: AppendResp) =>
        error ? reject(error) : resolve(response),
      );
      const options = new AppendReq.Options().setStreamIdentifier(toStreamIdentifier(streamId));
      if (expected === 'any') options.setAny(new Empty());
      else if (expected === 'no_stream') options.setNoStream(new Empty());
      else if (expected === 'stream_exists') options.setStreamExists(new Empty());
      else options.setRevision(expected.toString());
      call.write(new AppendReq().setOptions(options));
      for (const event of events) call.write(new AppendReq().setProposedMessage(proposed(event)));
      call.end();
    });
  }

  /** Every message of a read that ends by itself (not a subscription). */
  async read(options: ReadReq.Options): Promise<ReadResp[]> {
    const messages: ReadResp[] = [];
    for await (const message of this.open(options)) messages.push(message as ReadResp);
    return messages;
  }

  open(options: ReadReq.Options): ClientReadableStream<ReadResp> {
    return this.streams.read(new ReadReq().setOptions(options.setUuidOption(stringIds())));
  }
}

export type Expectation = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface WireEvent {
  readonly id: string;
  readonly type?: string;
  readonly data?: unknown;
  /** Leave out a required metadata property to see the server refuse the event. */
  readonly omit?: 'type' | 'content-type';
  readonly bytes?: number;
}

export const wireEvent = (overrides: Partial<WireEvent> = {}): WireEvent => ({ id: randomUUID(), ...overrides });

function proposed(event: WireEvent): AppendReq.ProposedMessage {
  const data = event.bytes ? Buffer.alloc(event.bytes, 'x') : Buffer.from(JSON.stringify(event.data ?? { n: 1 }));
  const message = new AppendReq.ProposedMessage().setId(new UUID().setString(event.id)).setData(data);
  const metadata = message.getMetadataMap();
  if (event.omit !== 'type') metadata.set('type', event.type ?? 'WireChecked');
  if (event.omit !== 'content-type') metadata.set('content-type', 'application/json');
  return message;
}

function stringIds(): ReadReq.Options.UUIDOption {
  return new ReadReq.Options.UUIDOption().setString(new Empty());
}

/** Read options for one stream: from the start, the end or a revision, either way. */
export function streamRead(streamId: string, from: 'start' | 'end' | bigint, backwards = false, count = 100): ReadReq.Options {
  const stream = new ReadReq.Options.StreamOptions().setStreamIdentifier(toStreamIdentifier(streamId));
  if (from === 'start') stream.setStart(new Empty());
  else if (from === 'end') stream.setEnd(new Empty());
  else stream.setRevision(from.toString());
  return new ReadReq.Options()
    .setStream(stream)
    .setReadDirection(backwards ? ReadReq.Options.ReadDirection.BACKWARDS : ReadReq.Options.ReadDirection.FORWARDS)
    .setCount(count.toString())
    .setNoFilter(new Empty());
}

/** Read options for $all: from the start, the end or a position, either way. */
export function allRead(from: 'start' | 'end' | bigint, backwards = false, count = 100): ReadReq.Options {
  const all = new ReadReq.Options.AllOptions();
  if (from === 'start') all.setStart(new Empty());
  else if (from === 'end') all.setEnd(new Empty());
  else all.setPosition(new ReadReq.Options.Position().setCommitPosition(from.toString()).setPreparePosition(from.toString()));
  return new ReadReq.Options()
    .setAll(all)
    .setReadDirection(backwards ? ReadReq.Options.ReadDirection.BACKWARDS : ReadReq.Options.ReadDirection.FORWARDS)
    .setCount(count.toString())
    .setNoFilter(new Empty());
}

/** Turns read options into subscription options (no count, a subscription instead). */
export function asSubscription(options: ReadReq.Options): ReadReq.Options {
  options.clearCount();
  return options.setSubscription(new ReadReq.Options.SubscriptionOptions());
}

/** What a read message is, in one word, with the event's stream and revision when it is one. */
export function describeMessage(message: ReadResp): string {
  switch (message.getContentCase()) {
    case ReadResp.ContentCase.EVENT: {
      const event = message.getEvent()?.getEvent();
      return `event ${Buffer.from(event?.getStreamIdentifier()?.getStreamName_asU8() ?? []).toString()}@${event?.getStreamRevision()}`;
    }
    case ReadResp.ContentCase.CONFIRMATION:
      return 'confirmation';
    case ReadResp.ContentCase.CAUGHT_UP:
      return 'caught_up';
    case ReadResp.ContentCase.STREAM_NOT_FOUND:
      return 'stream_not_found';
    default:
      return `other ${message.getContentCase()}`;
  }
}
