import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANY, SqliteEventStore, type RecordedEvent } from '@bansos/eventstore';
import { SqliteReadModelStore } from '@bansos/read-models';
import { Kafka, logLevel } from 'kafkajs';
import { decodeEvent } from '../wire';

/** A topic or group name no earlier run used, so tests never see each other's messages. */
export function freshName(prefix: string): string {
  return `${prefix}.${Date.now().toString(36)}.${randomBytes(3).toString('hex')}`;
}

/** The embedded stores in a temporary folder: the relay's source and its checkpoint. */
export interface TempStores {
  readonly events: SqliteEventStore;
  readonly readModels: SqliteReadModelStore;
  dispose(): Promise<void>;
}

export function tempStores(): TempStores {
  const dir = mkdtempSync(join(tmpdir(), 'bansos-messaging-'));
  const events = SqliteEventStore.open(join(dir, 'events.sqlite'));
  const readModels = SqliteReadModelStore.open(join(dir, 'read-models.sqlite'));
  return {
    events,
    readModels,
    async dispose() {
      await events.close();
      await readModels.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Appends `count` small events, spread round-robin over `streams` streams (interleaved, as
 * cases are in the real log), in one batch. Returns them as stored.
 */
export async function appendSpread(events: SqliteEventStore, count: number, streams: number, data: Record<string, unknown> = {}): Promise<RecordedEvent[]> {
  const prefix = randomBytes(3).toString('hex');
  const appends = Array.from({ length: count }, (_, i) => ({
    streamId: `case-${prefix}${i % streams}`,
    expected: ANY,
    events: [{ id: randomUUID(), type: 'Marker', data: { i, ...data }, metadata: { schemaVersion: 1 } }],
  }));
  const before = await events.headPosition();
  await events.appendBatch(appends);
  return events.readAll({ after: before, maxCount: count });
}

/** One message read back from a topic. */
export interface ReadMessage {
  readonly partition: number;
  readonly offset: bigint;
  readonly key: string;
  readonly headers: Record<string, string>;
  readonly event: RecordedEvent;
}

export function testKafka(brokers: string): Kafka {
  return new Kafka({ brokers: [brokers], clientId: 'bansos-messaging-test', logLevel: logLevel.NOTHING });
}

/** Every message the topic holds now, in partition then offset order (read by a throwaway group). */
export async function readTopic(brokers: string, topic: string): Promise<ReadMessage[]> {
  const kafka = testKafka(brokers);
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, BigInt(o.high)]));
  await admin.disconnect();
  const read: ReadMessage[] = [];
  const next = new Map([...ends.keys()].map((p) => [p, 0n]));
  const done = () => [...ends].every(([p, end]) => (next.get(p) ?? 0n) >= end);
  if (done()) return read;
  const consumer = kafka.consumer({ groupId: freshName('reader'), maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`reading ${topic} timed out`)), 30_000);
    consumer
      .run({
        eachMessage: async ({ partition, message }) => {
          read.push({
            partition,
            offset: BigInt(message.offset),
            key: String(message.key),
            headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
            event: decodeEvent(message),
          });
          next.set(partition, BigInt(message.offset) + 1n);
          if (done()) {
            clearTimeout(timer);
            resolve();
          }
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return read.sort((a, b) => a.partition - b.partition || Number(a.offset - b.offset));
}

export async function deleteTopic(brokers: string, topic: string): Promise<void> {
  const admin = testKafka(brokers).admin();
  await admin.connect();
  // Deleting a topic that does not exist is retried for seconds: ask first.
  if ((await admin.listTopics()).includes(topic)) await admin.deleteTopics({ topics: [topic] });
  await admin.disconnect();
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` holds, failing after `timeoutMs`. */
export async function eventually(probe: () => boolean | Promise<boolean>, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
