import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';

/**
 * Creates a DynamoDB document client with the SDK's default configuration. Locally
 * the SDK picks the endpoint from AWS_ENDPOINT_URL.
 */
export function createDocumentClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

/** Name of the error that a failed ConditionExpression raises on a single write. */
export const CONDITIONAL_CHECK_FAILED = 'ConditionalCheckFailedException';

/** Name of the error that a cancelled TransactWriteItems call raises. */
export const TRANSACTION_CANCELED = 'TransactionCanceledException';

/**
 * Returns the per-item cancellation codes of a cancelled transaction ('None',
 * 'ConditionalCheckFailed', 'TransactionConflict', ...), in request order, or
 * undefined when the error is not a cancelled transaction.
 */
export function cancellationCodes(error: unknown): string[] | undefined {
  if (!(error instanceof Error) || error.name !== TRANSACTION_CANCELED) {
    return undefined;
  }
  const reasons = (error as { CancellationReasons?: { Code?: string }[] })
    .CancellationReasons;

  return (reasons ?? []).map((reason) => reason.Code ?? 'None');
}

export function isConditionalCheckFailed(error: unknown): boolean {
  return error instanceof Error && error.name === CONDITIONAL_CHECK_FAILED;
}

/** Reads every item with one partition key value, following the pages of a Query. */
export async function queryPartition(
  client: DynamoDBDocumentClient,
  query: { tableName: string; keyName: string; keyValue: string; consistentRead?: boolean },
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: query.tableName,
        KeyConditionExpression: '#key = :value',
        ExpressionAttributeNames: { '#key': query.keyName },
        ExpressionAttributeValues: { ':value': query.keyValue },
        ConsistentRead: query.consistentRead,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);

  return items;
}
