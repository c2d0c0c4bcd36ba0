import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { StockLine } from '../../../schemas/common';
import type { IntegrationEvent } from '../../../schemas/event-definition';
import { reservationStreamId } from './reservation-item';

export interface InventoryTables {
  productsTable: string;
  inventoryTable: string;
}

const PRODUCT_NAMES = { '#sku': 'sku', '#available': 'available', '#version': 'version' };

const BUMP_VERSION = '#version = if_not_exists(#version, :zero) + :one';

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

/**
 * Builds the reserve transaction: one conditional decrement per line, so stock never
 * goes below zero, then the StockReserved event at version 1 of the reservation stream.
 */
export function reserveTransaction(
  tables: InventoryTables,
  orderId: string,
  lines: readonly StockLine[],
  outcome: IntegrationEvent,
): TransactWriteCommand {
  const decrements = lines.map((line) => ({
    Update: {
      TableName: tables.productsTable,
      Key: { sku: line.sku },
      UpdateExpression: `SET #available = #available - :quantity, ${BUMP_VERSION}`,
      ConditionExpression: 'attribute_exists(#sku) AND #available >= :quantity',
      ExpressionAttributeNames: PRODUCT_NAMES,
      ExpressionAttributeValues: { ':quantity': line.quantity, ':zero': 0, ':one': 1 },
    },
  }));
  const put = reservationEventPut(tables.inventoryTable, orderId, 1, outcome);

  return new TransactWriteCommand({ TransactItems: [...decrements, put] });
}

/**
 * Builds the release transaction: one increment per line, then StockReleased at version
 * 2 of the reservation stream, so that a second release changes nothing.
 */
export function releaseTransaction(
  tables: InventoryTables,
  orderId: string,
  lines: readonly StockLine[],
  releaseEvent: IntegrationEvent,
): TransactWriteCommand {
  const increments = lines.map((line) => ({
    Update: {
      TableName: tables.productsTable,
      Key: { sku: line.sku },
      UpdateExpression: `SET #available = #available + :quantity, ${BUMP_VERSION}`,
      ConditionExpression: 'attribute_exists(#sku)',
      ExpressionAttributeNames: PRODUCT_NAMES,
      ExpressionAttributeValues: { ':quantity': line.quantity, ':zero': 0, ':one': 1 },
    },
  }));
  const put = reservationEventPut(tables.inventoryTable, orderId, 2, releaseEvent);

  return new TransactWriteCommand({ TransactItems: [...increments, put] });
}
