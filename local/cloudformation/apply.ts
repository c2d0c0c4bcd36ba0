import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';

import type { EventsApi } from '../gateway/server';
import type { Logger } from '../log';
import type { LocalArchive, LocalQueue, LocalResources, LocalTable } from './template';

/** Dead-letter queues first, so that a RedrivePolicy always names a queue that exists. */
function inDependencyOrder(queues: LocalQueue[]): LocalQueue[] {
  const hasRedrive = (queue: LocalQueue) => queue.attributes.RedrivePolicy !== undefined;

  return [...queues.filter((queue) => !hasRedrive(queue)), ...queues.filter(hasRedrive)];
}

/**
 * Creates an archive, or updates its settings when it already exists, for instance on
 * disk from an earlier run. Either way the archive keeps the events it has.
 */
async function applyArchive(events: EventsApi, archive: LocalArchive): Promise<void> {
  const settings = {
    ArchiveName: archive.name,
    Description: archive.description,
    EventPattern: archive.eventPattern,
    RetentionDays: archive.retentionDays,
  };
  try {
    await events.handle('CreateArchive', { ...settings, EventSourceArn: archive.sourceArn });
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ResourceAlreadyExistsException') {
      throw error;
    }
    await events.handle('UpdateArchive', settings);
  }
}

/**
 * Creates a table, or keeps it when a persisted database already has it.
 * NOTE: a kept table keeps its old keys and indexes. After changing them in infra/, delete
 * the data folder's dynamodb/ so that the tables are created again.
 */
async function createTable(dynamoDb: DynamoDBClient, table: LocalTable): Promise<void> {
  try {
    await dynamoDb.send(new CreateTableCommand(table.definition as never));
  } catch (error) {
    if ((error as Error).name !== 'ResourceInUseException') {
      throw error;
    }
  }
}

export interface ApplyClients {
  dynamoDb: DynamoDBClient;
  sqs: SQSClient;
  events: EventsApi;
  logger: Logger;
}

/** Creates a template's tables, queues, buses, archives, rules and targets through their APIs. */
export async function applyResources(resources: LocalResources, clients: ApplyClients): Promise<void> {
  const { logger } = clients;
  await Promise.all(resources.tables.map((table) => createTable(clients.dynamoDb, table)));
  for (const queue of inDependencyOrder(resources.queues)) {
    await clients.sqs.send(new CreateQueueCommand({ QueueName: queue.name, Attributes: queue.attributes }));
  }
  for (const bus of resources.eventBuses) {
    await clients.events.handle('CreateEventBus', { Name: bus.name });
  }
  for (const archive of resources.archives) {
    await applyArchive(clients.events, archive);
  }
  for (const rule of resources.rules) {
    await clients.events.handle('PutRule', {
      Name: rule.name,
      EventBusName: rule.eventBusName,
      EventPattern: rule.eventPattern,
      State: rule.state,
      Description: rule.description,
    });
    if (rule.targets.length > 0) {
      const response = (await clients.events.handle('PutTargets', {
        Rule: rule.name,
        EventBusName: rule.eventBusName,
        Targets: rule.targets,
      })) as { FailedEntryCount?: number; FailedEntries?: unknown[] };
      if (response.FailedEntryCount) {
        throw new Error(`PutTargets failed for rule ${rule.name}: ${JSON.stringify(response.FailedEntries)}`);
      }
    }
  }
  logger.info('resources created', {
    tables: resources.tables.length,
    queues: resources.queues.length,
    buses: resources.eventBuses.length,
    archives: resources.archives.length,
    rules: resources.rules.length,
  });
}
