import type { Admin } from 'kafkajs';

/** How the relay creates its topic when it is missing. */
export interface TopicSettings {
  readonly topic: string;
  /** Partitions spread consumers; one case (one key) always stays on one. Default 6. */
  readonly partitions?: number;
  /** Copies of each partition; the broker's default (-1) unless told. */
  readonly replicationFactor?: number;
}

export const DEFAULT_PARTITIONS = 6;

/**
 * The events topic is a full copy of the log, read from the start by every new consumer
 * group (a new SLA monitor rebuilds its cases from it), so nothing expires or is compacted.
 */
export const EVENTS_TOPIC_CONFIG: ReadonlyArray<{ name: string; value: string }> = [
  { name: 'cleanup.policy', value: 'delete' },
  { name: 'retention.ms', value: '-1' },
  { name: 'retention.bytes', value: '-1' },
];

/**
 * Creates the topic unless it exists. An existing topic is left as it is, partitions
 * included: adding partitions would move keys, and one case's events would lose their order.
 * Returns true when this call created it.
 */
export async function ensureTopic(admin: Admin, settings: TopicSettings): Promise<boolean> {
  const existing = await admin.listTopics();
  if (existing.includes(settings.topic)) return false;
  // false when another relay created it meanwhile: also fine.
  return admin.createTopics({
    waitForLeaders: true,
    topics: [
      {
        topic: settings.topic,
        numPartitions: settings.partitions ?? DEFAULT_PARTITIONS,
        replicationFactor: settings.replicationFactor ?? -1,
        configEntries: [...EVENTS_TOPIC_CONFIG],
      },
    ],
  });
}
