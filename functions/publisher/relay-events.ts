import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { readConfig } from '../../lib/config';
import { createLogger } from '../../lib/logger';
import { buildRelayHandler } from './handlers/relay-events';

const config = readConfig(['EVENT_BUS_NAME']);

/** DynamoDB Streams consumer of the event tables that publishes their outbox entries. */
export const handler = buildRelayHandler({
  logger: createLogger(),
  client: new EventBridgeClient({}),
  eventBusName: config.EVENT_BUS_NAME,
});
