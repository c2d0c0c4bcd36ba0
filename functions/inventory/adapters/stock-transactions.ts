import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { StockLine } from '../../../schemas/common';
import type { IntegrationEvent } from '../../../schemas/event-definition';
import { processedEventKey } from '../../../lib/processed-events';
import { emptyStock, type StockLevel, stockMoves } from '../domain/stock';
import { reservationStreamId } from './reservation-item';
import { stockEventPut, stockStreamId } from './stock-streams';

/**
 * Builds the Put of an event of an order's reservation stream at the given version, only
 * if that version is still free. The item carries the event as its outbox entry.
 */
export function reservationEventPut(
  tableName: string,
  orderId: string,
  version: number,
  event: IntegrationEvent,
) {
  return {
    Put: {
      TableName: tableName,
      Item: {
        streamId: reservationStreamId(orderId),
        version,
        type: event.detailType,
        data: event.detail.data,
        metadata: event.detail.metadata,
        outbox: event,
      },
      ConditionExpression: 'attribute_not_exists(#version)',
      ExpressionAttributeNames: { '#version': 'version' },
    },
  };
}

/** Builds the Put that records the id of the event a transaction handles, only once. */
export function processedEventPut(tableName: string, eventId: string) {
  return {
    Put: {
      TableName: tableName,
      Item: { streamId: processedEventKey(eventId), version: 0 },
      ConditionExpression: 'attribute_not_exists(#version)',
      ExpressionAttributeNames: { '#version': 'version' },
    },
  };
}

/** The stock levels that a decision was made on, by sku. */
export type StockLevels = ReadonlyMap<string, StockLevel>;

const nextVersion = (levels: StockLevels, sku: string) =>
  (levels.get(sku) ?? emptyStock).version + 1;

/**
 * Builds the reserve transaction: StockReserved on each sku stream at the version after
 * the one the decision read, then the order's StockReserved at version 1 of its
 * reservation stream, and the id of the OrderCreated event it handles. If any sku stream
 * moved on, the whole transaction is cancelled.
 */
export function reserveTransaction(
  tableName: string,
  orderId: string,
  lines: readonly StockLine[],
  levels: StockLevels,
  outcome: IntegrationEvent,
  eventId: string,
): TransactWriteCommand {
  const moves = stockMoves(orderId, lines, 'StockReserved').map((event) =>
    stockEventPut(tableName, nextVersion(levels, event.data.sku), event, outcome.detail.metadata),
  );
  const put = reservationEventPut(tableName, orderId, 1, outcome);
  const marker = processedEventPut(tableName, eventId);

  return new TransactWriteCommand({ TransactItems: [...moves, marker, put] });
}

/**
 * Builds the reject transaction: a check that each short sku stream is still at the
 * version the decision read, then StockReservationFailed at version 1 of the order's
 * reservation stream. Units that came back in the meantime cancel the rejection.
 */
export function rejectTransaction(
  tableName: string,
  orderId: string,
  shortSkus: readonly string[],
  levels: StockLevels,
  outcome: IntegrationEvent,
  eventId: string,
): TransactWriteCommand {
  const checks = shortSkus.map((sku) => ({
    ConditionCheck: {
      TableName: tableName,
      Key: { streamId: stockStreamId(sku), version: nextVersion(levels, sku) },
      ConditionExpression: 'attribute_not_exists(#version)',
      ExpressionAttributeNames: { '#version': 'version' },
    },
  }));
  const put = reservationEventPut(tableName, orderId, 1, outcome);
  const marker = processedEventPut(tableName, eventId);

  return new TransactWriteCommand({ TransactItems: [...checks, marker, put] });
}

/**
 * Builds the release transaction: StockReleased on each sku stream, then StockReleased
 * at version 2 of the order's reservation stream, so that a second release changes
 * nothing.
 */
export function releaseTransaction(
  tableName: string,
  orderId: string,
  lines: readonly StockLine[],
  levels: StockLevels,
  releaseEvent: IntegrationEvent,
  eventId: string,
): TransactWriteCommand {
  const metadata = releaseEvent.detail.metadata;
  const moves = stockMoves(orderId, lines, 'StockReleased').map((event) =>
    stockEventPut(tableName, nextVersion(levels, event.data.sku), event, metadata),
  );
  const put = reservationEventPut(tableName, orderId, 2, releaseEvent);
  const marker = processedEventPut(tableName, eventId);

  return new TransactWriteCommand({ TransactItems: [...moves, marker, put] });
}
