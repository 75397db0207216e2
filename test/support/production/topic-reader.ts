import { Kafka, logLevel } from 'kafkajs';
import { decodeEvent } from '@bansos/messaging';

/**
 * Reads a whole topic from the beginning with a consumer group of its own, until it has
 * seen `expected` distinct event ids (or the time is up), and counts every message, so
 * a test can tell "every event present" from "no duplicates".
 */
export async function readTopicIds(
  brokers: string,
  topic: string,
  expected: number,
  timeoutMs = 120_000,
): Promise<{ ids: Set<string>; messages: number; keysMatchStreams: boolean }> {
  const kafka = new Kafka({ clientId: 'topic-reader', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `reader-${Date.now().toString(36)}` });
  const ids = new Set<string>();
  let messages = 0;
  let keysMatchStreams = true;
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let done: () => void = () => undefined;
    const complete = new Promise<void>((resolve) => (done = resolve));
    await consumer.run({
      eachMessage: async ({ message }) => {
        messages++;
        const event = decodeEvent({ key: message.key, value: message.value });
        if (message.key?.toString() !== event.streamId) keysMatchStreams = false;
        ids.add(event.id);
        if (ids.size >= expected) done();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([complete, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    return { ids, messages, keysMatchStreams };
  } finally {
    await consumer.disconnect();
  }
}
