import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Server } from 'node:http';
import { join } from 'node:path';

import { applyResources } from './cloudformation/apply';
import {
  readTemplateFile,
  type LocalEventSourceMapping,
  type LocalQueue,
  type LocalResources,
} from './cloudformation/template';
import type { LocalConfig } from './config';
import { EventBridgeService } from './eventbridge/service';
import { createSqsTargetSender } from './eventbridge/sqs-sender';
import { startGateway } from './gateway/server';
import type { Logger } from './log';
import type { ManagedChild } from './processes/child';
import { FileCheckpoints, MemoryCheckpoints, type StreamCheckpoints } from './dynamodb-streams/checkpoints';
import { startStreamPoller } from './dynamodb-streams/poller';
import { startDynamoDbLocal } from './processes/dynamodb-local';
import { startSqsServer, type SqsServer } from './processes/fauxqs';
import { assertPortFree, findFreePort } from './processes/ports';
import { packageService, startOffline } from './processes/serverless';
import { createLambdaInvoker } from './sqs-lambda/lambda-invoker';
import { startPoller, type Invoke, type Poller } from './sqs-lambda/poller';

export interface LocalStack {
  /** The single AWS endpoint, for AWS_ENDPOINT_URL. */
  endpoint: string;
  /** Base URL of the HTTP API. */
  httpUrl: string;
  /** The packaged CloudFormation template that the resources were read from. */
  templatePath: string;
  resources: LocalResources;
  events: EventBridgeService;
  stop(): Promise<void>;
}

export interface StackOptions {
  config: LocalConfig;
  /** Folder of serverless.yml. */
  serviceDir: string;
  logger: Logger;
  /** Runs after the resources exist and before the functions start, e.g. to seed tables. */
  seed?: (resources: LocalResources, endpoint: string) => Promise<void>;
  /** Receives each line that serverless-offline and the handlers print. */
  onFunctionOutput?: (line: string) => void;
  /** Batches received at once per event source mapping. */
  pollerConcurrency?: number;
}

/** Environment that points the AWS SDK, in this process and in the functions, at the local endpoint. */
export function localAwsEnvironment(endpoint: string, region: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'test',
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'test',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** Starts everything `npm start` runs; on failure, stops what it had started and rethrows. */
export async function startLocalStack(options: StackOptions): Promise<LocalStack> {
  const { config, logger } = options;
  await assertPortFree(config.awsPort, 'the AWS endpoint', 'LOCAL_AWS_PORT');
  await assertPortFree(config.httpPort, 'the HTTP API', 'HTTP_PORT');
  await assertPortFree(config.lambdaPort, 'the Lambda Invoke API', 'LAMBDA_PORT');

  const endpoint = `http://127.0.0.1:${config.awsPort}`;
  const awsEnv = localAwsEnvironment(endpoint, config.region);
  const childEnv = { ...process.env, ...awsEnv };
  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error: unknown) => logger.error('stop failed', { error }));
    }
    cleanups.length = 0;
  };

  try {
    const packageDir = join(options.serviceDir, '.serverless-local', config.stage);
    const packaged = packageService(options.serviceDir, config.stage, packageDir, childEnv, logger.child('package'));
    const dynamoDbPort = await findFreePort();
    const [dynamoDb, sqsServer] = await Promise.all([
      startDynamoDbLocal(
        dynamoDbPort,
        logger.child('dynamodb'),
        config.persistTables ? join(config.dataDir, 'dynamodb') : undefined,
      ),
      startSqsServer(0),
    ]);
    cleanups.push(() => (dynamoDb as ManagedChild).stop(), () => (sqsServer as SqsServer).stop());

    const sqsDirect = new SQSClient({ region: config.region, endpoint: `http://127.0.0.1:${sqsServer.port}`, credentials });
    const events = new EventBridgeService({
      region: config.region,
      accountId: config.accountId,
      sqs: createSqsTargetSender(sqsDirect, config.accountId),
      logger: logger.child('events'),
      dataDir: config.dataDir,
    });
    cleanups.push(() => events.close());
    const gateway: Server = await startGateway({
      port: config.awsPort,
      events,
      sqsPort: sqsServer.port,
      dynamoDbPort,
      logger: logger.child('gateway'),
    });
    cleanups.push(() => new Promise((resolve) => gateway.close(() => resolve())));

    await packaged;
    const templatePath = join(packageDir, 'cloudformation-template-update-stack.json');
    const resources = await readTemplateFile(templatePath, {
      region: config.region,
      accountId: config.accountId,
      stackName: `shop-${config.stage}`,
      endpoint,
    });
    const sqs = new SQSClient({ region: config.region, endpoint, credentials });
    const dynamoDbClient = new DynamoDBClient({ region: config.region, endpoint, credentials });
    await applyResources(resources, { dynamoDb: dynamoDbClient, sqs, events, logger });
    await options.seed?.(resources, endpoint);

    const offline = await startOffline({
      cwd: options.serviceDir,
      stage: config.stage,
      httpPort: config.httpPort,
      lambdaPort: config.lambdaPort,
      env: childEnv,
      logger: logger.child('offline'),
      onLine: options.onFunctionOutput ?? (() => undefined),
    });
    cleanups.push(() => offline.stop());

    const pollers = startPollers(resources, {
      sqs,
      dynamoDb: dynamoDbClient,
      streams: new DynamoDBStreamsClient({ region: config.region, endpoint, credentials }),
      region: config.region,
      accountId: config.accountId,
      lambdaPort: config.lambdaPort,
      concurrency: options.pollerConcurrency ?? 2,
      checkpoints: config.persistTables
        ? new FileCheckpoints(join(config.dataDir, 'stream-checkpoints.json'))
        : new MemoryCheckpoints(),
      logger,
    });
    cleanups.push(async () => {
      await Promise.all(pollers.map((poller) => poller.stop()));
    });

    return {
      endpoint,
      httpUrl: `http://127.0.0.1:${config.httpPort}`,
      templatePath,
      resources,
      events,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

interface PollerSettings {
  checkpoints: StreamCheckpoints;
  sqs: SQSClient;
  dynamoDb: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  region: string;
  accountId: string;
  lambdaPort: number;
  concurrency: number;
  logger: Logger;
}

function startPollers(resources: LocalResources, settings: PollerSettings): Poller[] {
  const lambda = new LambdaClient({
    region: settings.region,
    endpoint: `http://127.0.0.1:${settings.lambdaPort}`,
    credentials,
    maxAttempts: 1,
  });
  const invoke = createLambdaInvoker(lambda);

  const queueFor = (arn: string) => resources.queues.find((candidate) => arn.endsWith(`:${candidate.name}`));

  return resources.eventSourceMappings
    .filter((mapping) => mapping.enabled)
    .flatMap((mapping): Poller[] => {
      if (mapping.sourceKind === 'dynamodb') {
        return [startStreamPollerFor(mapping, invoke, settings, queueFor)];
      }
      const queue = queueFor(mapping.eventSourceArn);
      if (!queue) {
        settings.logger.warn('event source is not an emulated queue, skipped', { source: mapping.eventSourceArn });

        return [];
      }

      return [
        startPoller({
          sqs: settings.sqs,
          queueUrl: queue.url,
          queueArn: mapping.eventSourceArn,
          region: settings.region,
          functionName: mapping.functionName,
          batchSize: mapping.batchSize,
          maximumBatchingWindowInSeconds: mapping.maximumBatchingWindowInSeconds,
          reportBatchItemFailures: mapping.reportBatchItemFailures,
          invoke,
          concurrency: Math.min(settings.concurrency, mapping.maximumConcurrency ?? settings.concurrency),
          logger: settings.logger.child('sqs-lambda'),
        }),
      ];
    });
}

function startStreamPollerFor(
  mapping: LocalEventSourceMapping,
  invoke: Invoke,
  settings: PollerSettings,
  queueFor: (arn: string) => LocalQueue | undefined,
): Poller {
  const tableName = mapping.eventSourceArn.split(':table/')[1]?.split('/')[0] as string;

  return startStreamPoller({
    dynamoDb: settings.dynamoDb,
    streams: settings.streams,
    sqs: settings.sqs,
    tableName,
    functionName: mapping.functionName,
    functionArn: `arn:aws:lambda:${settings.region}:${settings.accountId}:function:${mapping.functionName}`,
    batchSize: mapping.batchSize,
    startingPosition: mapping.startingPosition === 'LATEST' ? 'LATEST' : 'TRIM_HORIZON',
    reportBatchItemFailures: mapping.reportBatchItemFailures,
    maximumRetryAttempts: mapping.maximumRetryAttempts,
    onFailureQueueUrl: mapping.onFailureDestination ? queueFor(mapping.onFailureDestination)?.url : undefined,
    invoke,
    checkpoints: settings.checkpoints,
    logger: settings.logger.child('dynamodb-streams'),
  });
}
