import {
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  type TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { StockLine } from '../../../schemas/common';
import type { IntegrationEvent } from '../../../schemas/event-definition';
import { cancellationCodes, isConditionalCheckFailed } from '../../../lib/dynamodb';
import { batchGetProducts } from '../../../lib/products-table';
import { foldReservation, type ReservationItem, reservationStreamId } from './reservation-item';
import {
  type InventoryTables,
  releaseTransaction,
  reservationEventPut,
  reserveTransaction,
} from './stock-transactions';

export type ReserveResult = 'reserved' | 'insufficient_stock' | 'already_exists' | 'conflict';
export type RejectResult = 'rejected' | 'already_exists';
export type ReleaseResult = 'released' | 'not_reserved' | 'conflict';

/**
 * Reservation streams and stock levels, changed together in transactions. Each stored
 * reservation event carries its outbox entry, which the outbox relay publishes.
 */
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
  /** Returns every line to stock and appends StockReleased to the reservation stream. */
  release(
    orderId: string,
    lines: StockLine[],
    event: IntegrationEvent,
  ): Promise<ReleaseResult>;
  /** Reads the available units of each sku with a strongly consistent read. */
  readAvailable(skus: readonly string[]): Promise<Map<string, number>>;
}

/** Creates the inventory store on PRODUCTS_TABLE and the event store INVENTORY_TABLE. */
export function createDynamoInventoryStore(
  client: DynamoDBDocumentClient,
  tables: InventoryTables,
): InventoryStore {
  return {
    findReservation: async (orderId) => {
      const items = await readStreamItems(
        client,
        tables.inventoryTable,
        reservationStreamId(orderId),
      );

      return foldReservation(orderId, items);
    },
    reserve: async (orderId, lines, outcome) => {
      const transaction = reserveTransaction(tables, orderId, lines, outcome);
      const codes = await runTransaction(client, transaction);

      return codes === undefined ? 'reserved' : toReserveResult(codes);
    },
    reject: (orderId, _lines, outcome) => putRejected(client, tables, orderId, outcome),
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

async function readStreamItems(
  client: DynamoDBDocumentClient,
  tableName: string,
  streamId: string,
): Promise<Record<string, unknown>[]> {
  const output = await client.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: '#streamId = :streamId',
      ExpressionAttributeNames: { '#streamId': 'streamId' },
      ExpressionAttributeValues: { ':streamId': streamId },
      ConsistentRead: true,
    }),
  );

  return output.Items ?? [];
}

async function putRejected(
  client: DynamoDBDocumentClient,
  tables: InventoryTables,
  orderId: string,
  outcome: IntegrationEvent,
): Promise<RejectResult> {
  try {
    const { Put } = reservationEventPut(tables.inventoryTable, orderId, 1, outcome);
    await client.send(new PutCommand(Put));
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

/** Maps cancellation codes to a result. The StockReserved Put is the last action. */
function toReserveResult(codes: readonly string[]): ReserveResult {
  if (codes.at(-1) === 'ConditionalCheckFailed') {
    return 'already_exists';
  }
  if (codes.slice(0, -1).includes('ConditionalCheckFailed')) {
    return 'insufficient_stock';
  }

  return 'conflict';
}

/** Maps cancellation codes to a result. The StockReleased Put is the last action. */
function toReleaseResult(codes: readonly string[]): ReleaseResult {
  if (codes.at(-1) === 'ConditionalCheckFailed') {
    return 'not_reserved';
  }
  if (codes.includes('ConditionalCheckFailed')) {
    throw new Error('Release failed because a reserved product no longer exists');
  }

  return 'conflict';
}
