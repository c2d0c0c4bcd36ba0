import { type DynamoDBDocumentClient, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { parseStockEvent } from '../functions/inventory/adapters/stock-streams';
import { putStockLevel } from '../functions/inventory/adapters/stock-view';
import { foldStock, type StockLevel } from '../functions/inventory/domain/stock';
import { parseVersionedOrderEvent } from '../functions/orders/adapters/order-store';
import { foldOrder } from '../functions/orders/domain/evolve';
import { toOrderView } from '../functions/orders/domain/view';
import { isConditionalCheckFailed } from '../lib/dynamodb';

export const PROJECTIONS = ['orders', 'customer-orders', 'stock'] as const;
export type ProjectionName = (typeof PROJECTIONS)[number];

/** The event store tables and the view tables of one stage. */
export interface RebuildTables {
  ordersTable: string;
  inventoryTable: string;
  orderViewsTable: string;
  customerOrdersTable: string;
  productsTable: string;
}

/** Receives the number of items written so far and the number to write. */
export type ReportProgress = (done: number, total: number) => void;

export interface RebuildSummary {
  events: number;
  streams: number;
  written: number;
}

/** Parallel writes while rebuilding a view. */
const WRITE_CONCURRENCY = 16;

/** Returns the table names of a stage, as serverless.yml names them. */
export function stageTables(stage: string): RebuildTables {
  const prefix = `shop-${stage}`;

  return {
    ordersTable: `${prefix}-orders`,
    inventoryTable: `${prefix}-inventory`,
    orderViewsTable: `${prefix}-order-views`,
    customerOrdersTable: `${prefix}-customer-orders`,
    productsTable: `${prefix}-products`,
  };
}

/** Reads every item of an event store table whose stream id starts with `prefix`, by stream. */
export async function scanStreams(
  client: DynamoDBDocumentClient,
  tableName: string,
  prefix: string,
): Promise<Map<string, Record<string, unknown>[]>> {
  const streams = new Map<string, Record<string, unknown>[]>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'begins_with(#streamId, :prefix)',
        ExpressionAttributeNames: { '#streamId': 'streamId' },
        ExpressionAttributeValues: { ':prefix': prefix },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const streamId = String(item['streamId']);
      streams.set(streamId, [...(streams.get(streamId) ?? []), item]);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  for (const items of streams.values()) {
    items.sort((left, right) => Number(left['version']) - Number(right['version']));
  }

  return streams;
}

/** Folds each order stream into the item that the order views store for it. */
export function buildOrderViewItems(
  streams: ReadonlyMap<string, Record<string, unknown>[]>,
): Record<string, unknown>[] {
  return [...streams.values()].flatMap((items) => {
    const events = items.map(parseVersionedOrderEvent);
    const view = toOrderView(foldOrder(events));
    const [created] = events;
    const last = events.at(-1);
    if (view === undefined || created === undefined || last === undefined) {
      return [];
    }

    return [{ ...view, createdAt: created.metadata.occurredAt, version: last.version }];
  });
}

/** Folds each stock stream into the sku's current level. */
export function buildStockLevels(
  streams: ReadonlyMap<string, Record<string, unknown>[]>,
): { sku: string; level: StockLevel }[] {
  return [...streams.entries()].map(([streamId, items]) => ({
    sku: streamId.slice('stock#'.length),
    level: foldStock(items.map(parseStockEvent)),
  }));
}

/**
 * Rebuilds one view from the event store. Each view item is replaced unless the live
 * projection already wrote a later version of it, so a rebuild can run while the stack
 * serves traffic.
 */
export async function rebuildProjection(
  name: ProjectionName,
  client: DynamoDBDocumentClient,
  tables: RebuildTables,
  progress: ReportProgress = () => undefined,
): Promise<RebuildSummary> {
  const isStock = name === 'stock';
  const table = isStock ? tables.inventoryTable : tables.ordersTable;
  const streams = await scanStreams(client, table, isStock ? 'stock#' : 'order#');
  const events = [...streams.values()].reduce((sum, items) => sum + items.length, 0);
  const writes = isStock
    ? buildStockLevels(streams).map(({ sku, level }) => async () => {
        await putStockLevel(client, tables.productsTable, sku, level);
      })
    : buildOrderViewItems(streams).map((item) => () =>
        putViewItem(client, viewTable(name, tables), item));
  await runWithProgress(writes, progress);

  return { events, streams: streams.size, written: writes.length };
}

function viewTable(name: ProjectionName, tables: RebuildTables): string {
  return name === 'orders' ? tables.orderViewsTable : tables.customerOrdersTable;
}

async function putViewItem(
  client: DynamoDBDocumentClient,
  tableName: string,
  item: Record<string, unknown>,
): Promise<void> {
  try {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: item,
        ConditionExpression: 'attribute_not_exists(#version) OR #version <= :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':version': item['version'] },
      }),
    );
  } catch (error) {
    // The live projection already applied a later event of this order.
    if (!isConditionalCheckFailed(error)) {
      throw error;
    }
  }
}

async function runWithProgress(
  tasks: readonly (() => Promise<void>)[],
  progress: ReportProgress,
): Promise<void> {
  let next = 0;
  let done = 0;
  progress(0, tasks.length);
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next] as () => Promise<void>;
      next += 1;
      await task();
      done += 1;
      progress(done, tasks.length);
    }
  };
  await Promise.all(Array.from({ length: WRITE_CONCURRENCY }, worker));
}

/** Renders a plain-text progress bar, such as `orders [#####-----]  50% 5/10`. */
export function renderProgress(label: string, done: number, total: number, width = 30): string {
  const ratio = total === 0 ? 1 : done / total;
  const filled = Math.round(ratio * width);
  const percent = String(Math.floor(ratio * 100)).padStart(3);

  return `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}% ${done}/${total}`;
}
