import { readFileSync } from 'node:fs';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';

const CASES = new URL('../../../../shared/cases/aws-events/', import.meta.url);

interface RecordedStreamEvent {
  Records: DynamoDBRecord[];
}

/** Converts a plain value to the DynamoDB JSON format that stream images use. */
export function toAttributeValue(value: unknown): AttributeValue {
  if (value === null || value === undefined) {
    return { NULL: true };
  }
  if (typeof value === 'string') {
    return { S: value };
  }
  if (typeof value === 'number') {
    return { N: String(value) };
  }
  if (typeof value === 'boolean') {
    return { BOOL: value };
  }
  if (Array.isArray(value)) {
    return { L: value.map(toAttributeValue) };
  }
  const entries = Object.entries(value as Record<string, unknown>);

  return { M: Object.fromEntries(entries.map(([key, child]) => [key, toAttributeValue(child)])) };
}

/**
 * Builds a DynamoDB Streams record from the recorded INSERT record, with the given item
 * as its new image and the given sequence number.
 */
export function streamRecord(
  item: Record<string, unknown>,
  sequenceNumber: string,
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE' = 'INSERT',
): DynamoDBRecord {
  const recorded = JSON.parse(
    readFileSync(new URL('dynamodb-base.json', CASES), 'utf8'),
  ) as RecordedStreamEvent;
  const base = recorded.Records[0] as DynamoDBRecord;
  const image = toAttributeValue(item).M ?? {};
  const keys = { streamId: image['streamId'] ?? { S: 'x' }, version: image['version'] ?? { N: '1' } };

  return {
    ...base,
    eventName,
    dynamodb: { ...base.dynamodb, Keys: keys, NewImage: image, SequenceNumber: sequenceNumber },
  };
}
