import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from '../../../lib/dynamodb';
import { type StockLevel } from '../domain/stock';

export type StockViewResult = 'applied' | 'duplicate';

/** Raised when a stock event arrives before the one just before it in its stream. */
export class StockEventGapError extends Error {
  constructor(
    readonly sku: string,
    readonly version: number,
    readonly viewVersion: number,
  ) {
    super(`Stock event ${sku}@${version} cannot follow the view at version ${viewVersion}`);
    this.name = 'StockEventGapError';
  }
}

/**
 * Adds a stock event's change to the product's `available` in PRODUCTS_TABLE, only if
 * the view is at the version just before the event. An event the view already reflects
 * changes nothing, so redelivered events leave the view as it is.
 *
 * @throws StockEventGapError when an earlier event of the stream is not applied yet.
 */
export async function applyStockChange(
  client: DynamoDBDocumentClient,
  tableName: string,
  change: { sku: string; version: number; delta: number },
): Promise<StockViewResult> {
  try {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { sku: change.sku },
        UpdateExpression: 'SET #available = #available + :delta, #version = :version',
        ConditionExpression: '#version = :previous',
        ExpressionAttributeNames: { '#available': 'available', '#version': 'version' },
        ExpressionAttributeValues: {
          ':delta': change.delta,
          ':version': change.version,
          ':previous': change.version - 1,
        },
      }),
    );
  } catch (error) {
    if (!isConditionalCheckFailed(error)) {
      throw error;
    }
    const current = await readViewVersion(client, tableName, change.sku);
    if (current >= change.version) {
      return 'duplicate';
    }
    throw new StockEventGapError(change.sku, change.version, current);
  }

  return 'applied';
}

/**
 * Sets the product's `available` to a level folded from its whole stream, unless the view
 * already reflects a later version. Returns false when the view was left as it is, or
 * when the catalog has no product with that sku.
 */
export async function putStockLevel(
  client: DynamoDBDocumentClient,
  tableName: string,
  sku: string,
  level: StockLevel,
): Promise<boolean> {
  try {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { sku },
        UpdateExpression: 'SET #available = :available, #version = :version',
        ConditionExpression:
          'attribute_exists(#sku) AND (attribute_not_exists(#version) OR #version <= :version)',
        ExpressionAttributeNames: { '#available': 'available', '#version': 'version', '#sku': 'sku' },
        ExpressionAttributeValues: { ':available': level.available, ':version': level.version },
      }),
    );
  } catch (error) {
    if (isConditionalCheckFailed(error)) {
      return false;
    }
    throw error;
  }

  return true;
}

async function readViewVersion(
  client: DynamoDBDocumentClient,
  tableName: string,
  sku: string,
): Promise<number> {
  const output = await client.send(
    new GetCommand({ TableName: tableName, Key: { sku }, ConsistentRead: true }),
  );
  const version = output.Item?.['version'];

  return typeof version === 'number' ? version : 0;
}
