import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { StockLine } from '../../../schemas/common';
import type { IntegrationEvent } from '../../../schemas/event-definition';
import type { ReservationItem } from './reservation-item';

interface Tables {
  productsTable: string;
  reservationsTable: string;
}

const PRODUCT_NAMES = { '#sku': 'sku', '#available': 'available', '#version': 'version' };

const BUMP_VERSION = '#version = if_not_exists(#version, :zero) + :one';

/**
 * Builds the reserve transaction: one conditional decrement per line, so stock never
 * goes below zero, then the reservation Put, only if the order has none yet.
 */
export function reserveTransaction(
  tables: Tables,
  reservation: ReservationItem,
): TransactWriteCommand {
  const decrements = reservation.items.map((line) => ({
    Update: {
      TableName: tables.productsTable,
      Key: { sku: line.sku },
      UpdateExpression: `SET #available = #available - :quantity, ${BUMP_VERSION}`,
      ConditionExpression: 'attribute_exists(#sku) AND #available >= :quantity',
      ExpressionAttributeNames: PRODUCT_NAMES,
      ExpressionAttributeValues: { ':quantity': line.quantity, ':zero': 0, ':one': 1 },
    },
  }));
  const put = {
    Put: {
      TableName: tables.reservationsTable,
      Item: reservation,
      ConditionExpression: 'attribute_not_exists(#orderId)',
      ExpressionAttributeNames: { '#orderId': 'orderId' },
    },
  };

  return new TransactWriteCommand({ TransactItems: [...decrements, put] });
}

/**
 * Builds the release transaction: one increment per line, then the status change from
 * RESERVED to RELEASED, so that a second release changes nothing.
 */
export function releaseTransaction(
  tables: Tables,
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
  const statusUpdate = {
    Update: {
      TableName: tables.reservationsTable,
      Key: { orderId },
      UpdateExpression: 'SET #status = :released, #releaseEvent = :event',
      ConditionExpression: '#status = :reserved',
      ExpressionAttributeNames: { '#status': 'status', '#releaseEvent': 'releaseEvent' },
      ExpressionAttributeValues: {
        ':released': 'RELEASED',
        ':reserved': 'RESERVED',
        ':event': releaseEvent,
      },
    },
  };

  return new TransactWriteCommand({ TransactItems: [...increments, statusUpdate] });
}
