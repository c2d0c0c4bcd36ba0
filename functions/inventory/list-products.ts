import { readConfig } from '../../lib/config';
import { createDocumentClient } from '../../lib/dynamodb';
import { createLogger } from '../../lib/logger';
import { scanProducts } from '../../lib/products-table';
import { buildListProductsHandler } from './handlers/list-products';

const config = readConfig(['PRODUCTS_TABLE']);
const client = createDocumentClient();

/** `GET /products` */
export const handler = buildListProductsHandler({
  logger: createLogger(),
  listProducts: () => scanProducts(client, config.PRODUCTS_TABLE),
});
