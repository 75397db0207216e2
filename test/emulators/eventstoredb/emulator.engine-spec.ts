import { randomUUID } from 'node:crypto';
import { credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { ServerFeaturesClient } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import type { SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import type { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { MAX_APPEND_SIZE } from './append';
import { startEventStoreEmulator, type RunningEmulator } from './emulator';
import { allRead, asSubscription, describeMessage, streamRead, WireClient, wireEvent } from './wire-client';

/**
 * The emulator's wire behaviour where the EventStore contract does not reach: the fields
 * of each answer, the order of subscription messages and the error trailers, checked
 * message by message against what EventStoreDB sends.
 */
describe('EventStoreDB emulator (gRPC wire)', () => {
  let emulator: RunningEmulator;
  let wire: WireClient;
  const stream = () => `wire-${randomUUID()}`;

  beforeAll(async () => {
    emulator = await startEventStoreEmulator();
    wire = new WireClient(emulator.port);
  });
  afterAll(async () => {
    wire.close();
    await emulator.stop();
  });

  describe('server features', () => {
    it('lists Read and Append but not BatchAppend, so clients use the client-streaming Append', async () => {
      const client = new ServerFeaturesClient(`127.0.0.1:${emulator.port}`, credentials.createInsecure());
      const supported = await new Promise<SupportedMethods>((resolve, reject) =>
        client.getSupportedMethods(new Empty(), (error, answer) => (error ? reject(error) : resolve(answer))),
      );
      client.close();
      const paths = supported.getMethodsList().map((m) => `${m.getServiceName()}/${m.getMethodName()}`);
      expect(paths).toEqual(
        expect.arrayContaining(['event_store.client.streams.streams/read', 'event_store.client.streams.streams/append']),
      );
      expect(paths.some((p) => p.endsWith('batchappend'))).toBe(false);
    });
  });

  describe('Append', () => {
    it('answers success with the current revision and the position of the last event', async () => {
      const id = stream();
      const answer = await wire.append(id, 'no_stream', [wireEvent(), wireEvent()]);
      const success = answer.getSuccess();
      expect(success?.getCurrentRevision()).toBe('1');
      const [last] = await wire.read(streamRead(id, 'end', true, 1));
      const position = last.getEvent()?.getEvent()?.getCommitPosition();
      expect(success?.getPosition()?.getCommitPosition()).toBe(position);
      expect(success?.getPosition()?.getPreparePosition()).toBe(position);
    });

    it('answers wrong_expected_version with what was expected and the current revision (no error status)', async () => {
      const id = stream();
      await wire.append(id, 'no_stream', [wireEvent(), wireEvent(), wireEvent()]);
      const wrong = (await wire.append(id, 'no_stream', [wireEvent()])).getWrongExpectedVersion();
      expect(wrong?.hasExpectedNoStream()).toBe(true);
      expect(wrong?.getCurrentRevision()).toBe('2');
      expect(wrong?.getCurrentRevision2060()).toBe(2);

      const stale = (await wire.append(id, 0n, [wireEvent()])).getWrongExpectedVersion();
      expect(stale?.getExpectedRevision()).toBe('0');
      expect(stale?.getCurrentRevision()).toBe('2');
    });

    it('answers wrong_expected_version with current_no_stream for a stream that does not exist', async () => {
      const wrong = (await wire.append(stream(), 4n, [wireEvent()])).getWrongExpectedVersion();
      expect(wrong?.getExpectedRevision()).toBe('4');
      expect(wrong?.hasCurrentNoStream()).toBe(true);
      expect(wrong?.hasNoStream2060()).toBe(true);
      const exists = (await wire.append(stream(), 'stream_exists', [wireEvent()])).getWrongExpectedVersion();
      expect(exists?.hasExpectedStreamExists()).toBe(true);
      expect(exists?.hasCurrentNoStream()).toBe(true);
    });

    it('treats the same ids at the same expected revision as a retry: the first answer again, nothing written', async () => {
      const id = stream();
      await wire.append(id, 'no_stream', [wireEvent()]);
      const events = [wireEvent(), wireEvent()];
      const first = await wire.append(id, 0n, events);
      await wire.append(id, 2n, [wireEvent()]); // the stream moves on
      const before = emulator.log.length;
      const retry = await wire.append(id, 0n, events);
      expect(retry.getSuccess()?.toObject()).toEqual(first.getSuccess()?.toObject());
      expect(emulator.log.length).toBe(before);
    });

    it('recognises a retry under expected revision any by the ids alone', async () => {
      const id = stream();
      const events = [wireEvent(), wireEvent()];
      const first = await wire.append(id, 'any', events);
      await wire.append(id, 'any', [wireEvent()]);
      expect((await wire.append(id, 'any', events)).getSuccess()?.toObject()).toEqual(first.getSuccess()?.toObject());
      expect((await wire.read(streamRead(id, 'start'))).length).toBe(3);
    });

    it('refuses a partial retry (first id stored, the next not) as a wrong expected version', async () => {
      const id = stream();
      const [a, b] = [wireEvent(), wireEvent()];
      await wire.append(id, 'no_stream', [a, b]);
      const partial = await wire.append(id, 'no_stream', [a, wireEvent()]);
      expect(partial.getWrongExpectedVersion()?.getCurrentRevision()).toBe('1');
    });

    it('writes the same ids again when the expected revision is the current one, as EventStoreDB does', async () => {
      const id = stream();
      const event = wireEvent();
      await wire.append(id, 'no_stream', [event]);
      expect((await wire.append(id, 0n, [event])).getSuccess()?.getCurrentRevision()).toBe('1');
    });

    it('refuses an event without a type with the missing-required-metadata-property trailer', async () => {
      const refused = wire.append(stream(), 'any', [wireEvent({ omit: 'type' })]);
      await expect(refused).rejects.toMatchObject({ code: status.INVALID_ARGUMENT });
      const error = (await refused.catch((e: ServiceError) => e)) as ServiceError;
      expect(trailer(error.metadata, 'exception')).toBe('missing-required-metadata-property');
      expect(trailer(error.metadata, 'required-metadata-properties')).toBe('type');
    });

    it('refuses an append over the maximum append size with its trailer', async () => {
      const refused = await wire.append(stream(), 'any', [wireEvent({ bytes: MAX_APPEND_SIZE + 1 })]).catch((e: ServiceError) => e);
      expect((refused as ServiceError).code).toBe(status.INVALID_ARGUMENT);
      expect(trailer((refused as ServiceError).metadata, 'exception')).toBe('maximum-append-size-exceeded');
      expect(trailer((refused as ServiceError).metadata, 'maximum-append-size')).toBe(String(MAX_APPEND_SIZE));
    });
  });

  describe('Read', () => {
    it('answers stream_not_found for a stream that does not exist, then ends the call', async () => {
      expect((await wire.read(streamRead(stream(), 'start'))).map(describeMessage)).toEqual(['stream_not_found']);
    });

    it('reads a stream forwards from a revision and backwards from the end, with a count', async () => {
      const id = stream();
      await wire.append(id, 'no_stream', [wireEvent(), wireEvent(), wireEvent()]);
      expect((await wire.read(streamRead(id, 1n))).map(describeMessage)).toEqual([`event ${id}@1`, `event ${id}@2`]);
      expect((await wire.read(streamRead(id, 'end', true, 2))).map(describeMessage)).toEqual([`event ${id}@2`, `event ${id}@1`]);
    });

    it('reads $all forwards from a position including it, and backwards from it excluding it', async () => {
      const id = stream();
      await wire.append(id, 'no_stream', [wireEvent(), wireEvent(), wireEvent()]);
      const positions = (await wire.read(streamRead(id, 'start'))).map(positionOf);
      expect((await wire.read(allRead(positions[1], false, 2))).map(positionOf)).toEqual(positions.slice(1));
      expect((await wire.read(allRead(positions[1], true, 1))).map(positionOf)).toEqual([positions[0]]);
    });

    it('stamps events with type, content type and creation time in .NET ticks', async () => {
      const id = stream();
      const before = Date.now();
      await wire.append(id, 'no_stream', [wireEvent({ type: 'Ticked' })]);
      const metadata = (await wire.read(streamRead(id, 'start')))[0].getEvent()?.getEvent()?.getMetadataMap();
      expect(metadata?.get('type')).toBe('Ticked');
      expect(metadata?.get('content-type')).toBe('application/json');
      const createdMs = Number(BigInt(metadata?.get('created') ?? '0') / 10_000n);
      expect(Math.abs(createdMs - before)).toBeLessThan(5_000);
    });
  });

  describe('subscriptions', () => {
    it('to $all: confirmation, catch-up events, caught_up, then live events', async () => {
      const id = stream();
      await wire.append(id, 'no_stream', [wireEvent()]);
      const [first] = await wire.read(streamRead(id, 'start'));
      await wire.append(id, 0n, [wireEvent()]);
      const call = wire.open(asSubscription(allRead(positionOf(first))));
      const seen = collect(call, (messages) => messages.includes(`event ${id}@2`));
      await until(() => seen.messages.includes('caught_up'));
      await wire.append(id, 1n, [wireEvent()]);
      await seen.done;
      call.cancel();
      expect(seen.messages.filter((m) => m === 'confirmation' || m === 'caught_up' || m.startsWith(`event ${id}`))).toEqual([
        'confirmation',
        `event ${id}@1`,
        'caught_up',
        `event ${id}@2`,
      ]);
    });

    it('to one stream from a revision (exclusive): only that stream’s events', async () => {
      const [id, other] = [stream(), stream()];
      await wire.append(id, 'no_stream', [wireEvent(), wireEvent()]);
      const call = wire.open(asSubscription(streamRead(id, 0n)));
      const seen = collect(call, (messages) => messages.includes(`event ${id}@2`));
      await until(() => seen.messages.includes('caught_up'));
      await wire.append(other, 'no_stream', [wireEvent()]);
      await wire.append(id, 1n, [wireEvent()]);
      await seen.done;
      call.cancel();
      expect(seen.messages).toEqual(['confirmation', `event ${id}@1`, 'caught_up', `event ${id}@2`]);
    });
  });
});

function positionOf(message: ReadResp): bigint {
  return BigInt(message.getEvent()?.getEvent()?.getCommitPosition() ?? '-1');
}

function trailer(metadata: Metadata, key: string): string | undefined {
  return metadata.get(key)[0]?.toString();
}

/** Collects the described messages of a call until `enough` says so. */
function collect(call: AsyncIterable<unknown>, enough: (messages: string[]) => boolean) {
  const messages: string[] = [];
  const done = (async () => {
    for await (const message of call) {
      messages.push(describeMessage(message as ReadResp));
      if (enough(messages)) return;
    }
  })();
  return { messages, done };
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
