import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createStreamProjection } from '../../../lib/stream-projection';
import { parseStockEvent } from '../adapters/stock-streams';
import { applyStockChange } from '../adapters/stock-view';
import { stockDelta } from '../domain/stock';

export interface ProjectStockDependencies {
  logger: Logger;
  client: DynamoDBDocumentClient;
  productsTable: string;
}

/**
 * Builds the handler that keeps the stock view behind `GET /products` up to date from
 * the stock streams of INVENTORY_TABLE. Items of other streams are skipped.
 */
export function buildProjectStockHandler(deps: ProjectStockDependencies) {
  return createStreamProjection(deps.logger, async (item) => {
    if (!String(item['streamId']).startsWith('stock#')) {
      return;
    }
    const event = parseStockEvent(item);
    const change = { sku: event.data.sku, version: event.version, delta: stockDelta(event) };
    const result = await applyStockChange(deps.client, deps.productsTable, change);
    deps.logger.debug('stock event projected', { ...change, result });
  });
}
