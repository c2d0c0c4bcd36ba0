import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { StockLine } from '../../../schemas/common';
import type { IntegrationEvent } from '../../../schemas/event-definition';
import { cancellationCodes, isConditionalCheckFailed } from '../../../lib/dynamodb';
import { InvalidStoredItemError } from '../../../lib/errors';
import { batchGetProducts } from '../../../lib/products-table';
import { ReservationItem } from './reservation-item';
import { releaseTransaction, reserveTransaction } from './stock-transactions';

export type ReserveResult = 'reserved' | 'insufficient_stock' | 'already_exists' | 'conflict';
export type RejectResult = 'rejected' | 'already_exists';
export type ReleaseResult = 'released' | 'not_reserved' | 'conflict';

/** Reservation records and stock levels, changed together in transactions. */
export interface InventoryStore {
  findReservation(orderId: string): Promise<ReservationItem | undefined>;
  /** Takes every line from stock and records the reservation, or changes nothing. */
  reserve(
    orderId: string,
    lines: StockLine[],
    outcome: IntegrationEvent,
  ): Promise<ReserveResult>;
  /** Records a REJECTED reservation, unless a reservation already exists. */
  reject(
    orderId: string,
    lines: StockLine[],
    outcome: IntegrationEvent,
  ): Promise<RejectResult>;
  /** Returns every line to stock and marks the RESERVED reservation RELEASED. */
  release(
    orderId: string,
    lines: StockLine[],
    event: IntegrationEvent,
  ): Promise<ReleaseResult>;
  /** Reads the available units of each sku with a strongly consistent read. */
  readAvailable(skus: readonly string[]): Promise<Map<string, number>>;
}

export interface InventoryTables {
  productsTable: string;
  reservationsTable: string;
}

/** Creates the inventory store on PRODUCTS_TABLE and RESERVATIONS_TABLE. */
export function createDynamoInventoryStore(
  client: DynamoDBDocumentClient,
  tables: InventoryTables,
): InventoryStore {
  return {
    findReservation: (orderId) => findReservation(client, tables.reservationsTable, orderId),
    reserve: async (orderId, lines, outcome) => {
      const reservation = {
        orderId,
        status: 'RESERVED' as const,
        items: lines,
        outcomeEvent: outcome,
      };
      const codes = await runTransaction(client, reserveTransaction(tables, reservation));

      return codes === undefined ? 'reserved' : toReserveResult(codes);
    },
    reject: (orderId, lines, outcome) =>
      putRejected(client, tables.reservationsTable, {
        orderId,
        status: 'REJECTED',
        items: lines,
        outcomeEvent: outcome,
      }),
    release: async (orderId, lines, event) => {
      const transaction = releaseTransaction(tables, orderId, lines, event);
      const codes = await runTransaction(client, transaction);

      return codes === undefined ? 'released' : toReleaseResult(codes);
    },
    readAvailable: async (skus) => {
      const products = await batchGetProducts(client, tables.productsTable, skus, {
        consistentRead: true,
      });

      return new Map([...products].map(([sku, product]) => [sku, product.available]));
    },
  };
}

async function findReservation(
  client: DynamoDBDocumentClient,
  tableName: string,
  orderId: string,
): Promise<ReservationItem | undefined> {
  const output = await client.send(
    new GetCommand({ TableName: tableName, Key: { orderId }, ConsistentRead: true }),
  );
  if (output.Item === undefined) {
    return undefined;
  }
  const result = ReservationItem.safeParse(output.Item);
  if (!result.success) {
    throw new InvalidStoredItemError(`Reservation of order ${orderId} is invalid`, {
      cause: result.error,
    });
  }

  return result.data;
}

async function putRejected(
  client: DynamoDBDocumentClient,
  tableName: string,
  item: ReservationItem,
): Promise<RejectResult> {
  try {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: item,
        ConditionExpression: 'attribute_not_exists(#orderId)',
        ExpressionAttributeNames: { '#orderId': 'orderId' },
      }),
    );
  } catch (error) {
    if (isConditionalCheckFailed(error)) {
      return 'already_exists';
    }
    throw error;
  }

  return 'rejected';
}

/** Runs a transaction and returns its cancellation codes, or undefined on success. */
async function runTransaction(
  client: DynamoDBDocumentClient,
  command: TransactWriteCommand,
): Promise<string[] | undefined> {
  try {
    await client.send(command);
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes === undefined) {
      throw error;
    }

    return codes;
  }

  return undefined;
}

/** Maps cancellation codes to a result. The reservation Put is the last action. */
function toReserveResult(codes: readonly string[]): ReserveResult {
  if (codes.at(-1) === 'ConditionalCheckFailed') {
    return 'already_exists';
  }
  if (codes.slice(0, -1).includes('ConditionalCheckFailed')) {
    return 'insufficient_stock';
  }

  return 'conflict';
}

/** Maps cancellation codes to a result. The reservation Update is the last action. */
function toReleaseResult(codes: readonly string[]): ReleaseResult {
  if (codes.at(-1) === 'ConditionalCheckFailed') {
    return 'not_reserved';
  }
  if (codes.includes('ConditionalCheckFailed')) {
    throw new Error('Release failed because a reserved product no longer exists');
  }

  return 'conflict';
}
