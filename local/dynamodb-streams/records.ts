import type { _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';

/** Lambda's form of a DynamoDB Streams record: dates in epoch seconds, binary values in base64. */
export type DynamoDbLambdaRecord = Record<string, unknown> & {
  dynamodb: Record<string, unknown> & { SequenceNumber: string };
};

/** Converts SDK values back to the JSON wire form that Lambda delivers. */
function toWireValue(value: unknown): unknown {
  if (value instanceof Uint8Array) {
    return Buffer.from(value).toString('base64');
  }
  if (value instanceof Date) {
    return Math.floor(value.getTime() / 1000);
  }
  if (value instanceof Set) {
    return [...value].map(toWireValue);
  }
  if (Array.isArray(value)) {
    return value.map(toWireValue);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key, item]) => item !== undefined && key !== '$unknown')
        .map(([key, item]) => [key, toWireValue(item)]),
    );
  }

  return value;
}

export function toLambdaRecord(record: StreamRecord, streamArn: string): DynamoDbLambdaRecord {
  const wire = toWireValue(record) as DynamoDbLambdaRecord;

  return { ...wire, eventSourceARN: streamArn };
}
