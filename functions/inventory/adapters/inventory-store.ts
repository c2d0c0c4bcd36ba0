import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { StockLine } from '../../../schemas/common';
import type { IntegrationEvent } from '../../../schemas/event-definition';
import { cancellationCodes } from '../../../lib/dynamodb';
import { processedEventKey } from '../../../lib/processed-events';
import type { StockLevel } from '../domain/stock';
import { foldReservation, type ReservationItem, reservationStreamId } from './reservation-item';
import { readStockLevels } from './stock-streams';
import {
  rejectTransaction,
  releaseTransaction,
  reserveTransaction,
  type StockLevels,
} from './stock-transactions';

/** `conflict` means a sku stream moved past the version the decision read. */
export type ReserveResult = 'reserved' | 'already_exists' | 'conflict';
export type RejectResult = 'rejected' | 'already_exists' | 'conflict';
export type ReleaseResult = 'released' | 'not_reserved' | 'conflict';

/**
 * The event store of inventory: one stream per sku with its stock events, and one stream
 * per order with its reservation events. Each write appends at the versions a decision
 * read, so a write that lost a race changes nothing and reports `conflict`. Each write
 * also records the id of the event it handles (`eventId`), and a write for an event that
 * was already processed is a `conflict` too. Reservation events carry their outbox entry,
 * which the outbox relay publishes.
 */
export interface InventoryStore {
  findReservation(orderId: string): Promise<ReservationItem | undefined>;
  /** Returns whether the event with this id was already processed. */
  isProcessed(eventId: string): Promise<boolean>;
  /** Reads the stock level of each sku with strongly consistent reads. */
  readStock(skus: readonly string[]): Promise<Map<string, StockLevel>>;
  /** Appends StockReserved to each sku stream and the order's outcome, or nothing. */
  reserve(
    orderId: string,
    lines: readonly StockLine[],
    levels: StockLevels,
    outcome: IntegrationEvent,
    eventId: string,
  ): Promise<ReserveResult>;
  /** Stores StockReservationFailed if the short skus are still at the levels read. */
  reject(
    orderId: string,
    shortSkus: readonly string[],
    levels: StockLevels,
    outcome: IntegrationEvent,
    eventId: string,
  ): Promise<RejectResult>;
  /** Appends StockReleased to each sku stream and to the order's reservation stream. */
  release(
    orderId: string,
    lines: readonly StockLine[],
    levels: StockLevels,
    event: IntegrationEvent,
    eventId: string,
  ): Promise<ReleaseResult>;
}

/** Creates the inventory store on the event store table INVENTORY_TABLE. */
export function createDynamoInventoryStore(
  client: DynamoDBDocumentClient,
  tableName: string,
): InventoryStore {
  const run = (command: TransactWriteCommand) => runTransaction(client, command);

  return {
    findReservation: async (orderId) => {
      const items = await readReservationItems(client, tableName, orderId);

      return foldReservation(orderId, items);
    },
    isProcessed: async (eventId) => {
      const key = { streamId: processedEventKey(eventId), version: 0 };
      const output = await client.send(
        new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
      );

      return output.Item !== undefined;
    },
    readStock: (skus) => readStockLevels(client, tableName, skus),
    reserve: async (orderId, lines, levels, outcome, eventId) => {
      const transaction = reserveTransaction(tableName, orderId, lines, levels, outcome, eventId);
      const codes = await run(transaction);

      return codes === undefined ? 'reserved' : toResult(codes, 'already_exists');
    },
    reject: async (orderId, shortSkus, levels, outcome, eventId) => {
      const transaction = rejectTransaction(tableName, orderId, shortSkus, levels, outcome, eventId);
      const codes = await run(transaction);

      return codes === undefined ? 'rejected' : toResult(codes, 'already_exists');
    },
    release: async (orderId, lines, levels, event, eventId) => {
      const transaction = releaseTransaction(tableName, orderId, lines, levels, event, eventId);
      const codes = await run(transaction);

      return codes === undefined ? 'released' : toResult(codes, 'not_reserved');
    },
  };
}

async function readReservationItems(
  client: DynamoDBDocumentClient,
  tableName: string,
  orderId: string,
): Promise<Record<string, unknown>[]> {
  const output = await client.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: '#streamId = :streamId',
      ExpressionAttributeNames: { '#streamId': 'streamId' },
      ExpressionAttributeValues: { ':streamId': reservationStreamId(orderId) },
      ConsistentRead: true,
    }),
  );

  return output.Items ?? [];
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

/**
 * Maps cancellation codes to a result. The reservation stream Put is the last action, so
 * its failed condition means the order's reservation already has that event. Any other
 * cancellation (a sku stream that moved on, a transaction conflict) is a `conflict`.
 */
function toResult<AlreadyApplied extends string>(
  codes: readonly string[],
  alreadyApplied: AlreadyApplied,
): AlreadyApplied | 'conflict' {
  return codes.at(-1) === 'ConditionalCheckFailed' ? alreadyApplied : 'conflict';
}
