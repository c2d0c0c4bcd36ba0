import { readConfig } from '../../lib/config';
import { createDocumentClient } from '../../lib/dynamodb';
import { createLogger } from '../../lib/logger';
import { buildProjectStockHandler } from './handlers/project-stock';

const config = readConfig(['PRODUCTS_TABLE']);

/** DynamoDB Streams consumer of INVENTORY_TABLE that keeps the stock view current. */
export const handler = buildProjectStockHandler({
  logger: createLogger(),
  client: createDocumentClient(),
  productsTable: config.PRODUCTS_TABLE,
});
