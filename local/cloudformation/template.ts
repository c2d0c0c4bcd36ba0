import { readFile } from 'node:fs/promises';

import { resolveIntrinsics, type IntrinsicContext, type ResourceValues } from './intrinsics';

/** The resources of a packaged CloudFormation template that the local runtime creates. */
export interface LocalResources {
  eventBuses: { logicalId: string; name: string }[];
  archives: LocalArchive[];
  rules: LocalRule[];
  queues: LocalQueue[];
  tables: LocalTable[];
  functions: LocalFunction[];
  eventSourceMappings: LocalEventSourceMapping[];
}

export interface LocalArchive {
  logicalId: string;
  name: string;
  sourceArn: string;
  description?: string;
  eventPattern?: string;
  retentionDays?: number;
}

export interface LocalRule {
  logicalId: string;
  name: string;
  eventBusName: string;
  eventPattern?: string;
  state: string;
  description?: string;
  /** Targets in the shape of the PutTargets API. */
  targets: Record<string, unknown>[];
}

export interface LocalQueue {
  logicalId: string;
  name: string;
  url: string;
  /** Attributes in the shape of the CreateQueue API, every value a string. */
  attributes: Record<string, string>;
}

export interface LocalTable {
  logicalId: string;
  /** Properties in the shape of the CreateTable API. */
  definition: Record<string, unknown> & { TableName: string };
}

export interface LocalFunction {
  logicalId: string;
  functionName: string;
  timeoutSeconds: number;
}

export interface LocalEventSourceMapping {
  logicalId: string;
  functionName: string;
  /** 'sqs' for a queue, 'dynamodb' for a table's stream. */
  sourceKind: 'sqs' | 'dynamodb';
  eventSourceArn: string;
  batchSize: number;
  maximumBatchingWindowInSeconds: number;
  reportBatchItemFailures: boolean;
  enabled: boolean;
  maximumConcurrency?: number;
  /** Stream sources only: where reading starts, TRIM_HORIZON or LATEST. */
  startingPosition?: string;
  /** Stream sources only: retries of a failing batch; -1 retries until the records expire. */
  maximumRetryAttempts: number;
  /** ARN of the SQS queue that receives a record of batches that failed every retry. */
  onFailureDestination?: string;
}

interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
}

export interface TemplateOptions {
  region: string;
  accountId: string;
  stackName: string;
  /** Base URL that queue URLs are built on, e.g. http://127.0.0.1:4566. */
  endpoint: string;
}

function resourceName(resource: TemplateResource, key: string, fallback: string): string {
  const name = resource.Properties?.[key];

  return typeof name === 'string' ? name : fallback;
}

/** Computes what Ref and Fn::GetAtt return for each resource the runtime emulates. */
function resourceValues(
  logicalId: string,
  resource: TemplateResource,
  options: TemplateOptions,
): ResourceValues {
  const { region, accountId, stackName } = options;
  const arn = (service: string, rest: string) => `arn:aws:${service}:${region}:${accountId}:${rest}`;
  const generated = `${stackName}-${logicalId}`;
  switch (resource.Type) {
    case 'AWS::SQS::Queue': {
      const name = resourceName(resource, 'QueueName', generated);
      const url = `${options.endpoint}/${accountId}/${name}`;

      return { ref: url, attributes: { Arn: arn('sqs', name), QueueName: name, QueueUrl: url } };
    }
    case 'AWS::Events::EventBus': {
      const name = resourceName(resource, 'Name', generated);

      return { ref: name, attributes: { Arn: arn('events', `event-bus/${name}`), Name: name } };
    }
    case 'AWS::Events::Archive': {
      const name = resourceName(resource, 'ArchiveName', generated);

      return { ref: name, attributes: { Arn: arn('events', `archive/${name}`) } };
    }
    case 'AWS::DynamoDB::Table': {
      const name = resourceName(resource, 'TableName', generated);
      const tableArn = arn('dynamodb', `table/${name}`);

      return { ref: name, attributes: { Arn: tableArn, StreamArn: `${tableArn}/stream/local` } };
    }
    case 'AWS::Lambda::Function': {
      const name = resourceName(resource, 'FunctionName', generated);

      return { ref: name, attributes: { Arn: arn('lambda', `function:${name}`) } };
    }
    case 'AWS::IAM::Role':
      return { ref: logicalId, attributes: { Arn: `arn:aws:iam::${accountId}:role/${logicalId}` } };
    default:
      return { ref: logicalId, attributes: { Arn: arn('local', logicalId) } };
  }
}

/** Rule ARNs name the bus unless it is the default one, so they are set once buses are known. */
function addRuleValues(resources: Record<string, TemplateResource>, context: IntrinsicContext) {
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::Events::Rule') {
      continue;
    }
    const properties = resolveIntrinsics(
      { Name: resource.Properties?.Name, Bus: resource.Properties?.EventBusName },
      context,
    ) as { Name?: string; Bus?: string };
    const name = properties.Name ?? `${context.stackName}-${logicalId}`;
    const bus = (properties.Bus ?? 'default').split('/').pop() ?? 'default';
    const path = bus === 'default' ? `rule/${name}` : `rule/${bus}/${name}`;
    const arn = `arn:aws:events:${context.region}:${context.accountId}:${path}`;
    context.resources.set(logicalId, { ref: bus === 'default' ? name : `${bus}|${name}`, attributes: { Arn: arn } });
  }
}

export function readResources(template: { Resources?: Record<string, TemplateResource> }, options: TemplateOptions): LocalResources {
  const resources = template.Resources ?? {};
  const context: IntrinsicContext = {
    region: options.region,
    accountId: options.accountId,
    stackName: options.stackName,
    resources: new Map(),
  };
  for (const [logicalId, resource] of Object.entries(resources)) {
    context.resources.set(logicalId, resourceValues(logicalId, resource, options));
  }
  addRuleValues(resources, context);

  const result: LocalResources = {
    eventBuses: [],
    archives: [],
    rules: [],
    queues: [],
    tables: [],
    functions: [],
    eventSourceMappings: [],
  };
  for (const [logicalId, resource] of Object.entries(resources)) {
    const values = context.resources.get(logicalId) as ResourceValues;
    const resolve = () => resolveIntrinsics(resource.Properties ?? {}, context) as Record<string, unknown>;
    switch (resource.Type) {
      case 'AWS::Events::EventBus':
        result.eventBuses.push({ logicalId, name: values.ref });
        break;
      case 'AWS::Events::Archive':
        result.archives.push(toArchive(logicalId, values.ref, resolve()));
        break;
      case 'AWS::Events::Rule':
        result.rules.push(toRule(logicalId, values, resolve()));
        break;
      case 'AWS::SQS::Queue':
        result.queues.push(toQueue(logicalId, values.attributes as { QueueName: string; QueueUrl: string }, resolve()));
        break;
      case 'AWS::DynamoDB::Table':
        result.tables.push(toTable(logicalId, values.ref, resolve()));
        break;
      case 'AWS::Lambda::Function':
        result.functions.push({
          logicalId,
          functionName: values.ref,
          timeoutSeconds: Number(resource.Properties?.Timeout ?? 3),
        });
        break;
      case 'AWS::Lambda::EventSourceMapping':
        result.eventSourceMappings.push(toEventSourceMapping(logicalId, resolve()));
        break;
    }
  }

  return result;
}

function jsonText(value: unknown): string | undefined {
  if (value === undefined) {
    return undefined;
  }

  return typeof value === 'string' ? value : JSON.stringify(value);
}

function toArchive(logicalId: string, name: string, properties: Record<string, unknown>): LocalArchive {
  return {
    logicalId,
    name,
    sourceArn: properties.SourceArn as string,
    description: properties.Description as string | undefined,
    eventPattern: jsonText(properties.EventPattern),
    retentionDays: properties.RetentionDays === undefined ? undefined : Number(properties.RetentionDays),
  };
}

function toRule(logicalId: string, values: ResourceValues, properties: Record<string, unknown>): LocalRule {
  const [busName, name] = values.ref.includes('|') ? values.ref.split('|') : ['default', values.ref];
  const targets = ((properties.Targets as Record<string, unknown>[] | undefined) ?? []).map((target) => ({
    ...target,
    Input: jsonText(target.Input),
  }));

  return {
    logicalId,
    name: name as string,
    eventBusName: busName as string,
    eventPattern: jsonText(properties.EventPattern),
    state: (properties.State as string | undefined) ?? 'ENABLED',
    description: properties.Description as string | undefined,
    targets,
  };
}

const queueAttributeNames = [
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'VisibilityTimeout',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
];

function toQueue(
  logicalId: string,
  names: { QueueName: string; QueueUrl: string },
  properties: Record<string, unknown>,
): LocalQueue {
  const attributes: Record<string, string> = {};
  for (const key of queueAttributeNames) {
    const value = properties[key];
    if (value !== undefined) {
      attributes[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
  }

  return { logicalId, name: names.QueueName, url: names.QueueUrl, attributes };
}

const tableKeys = [
  'AttributeDefinitions',
  'KeySchema',
  'GlobalSecondaryIndexes',
  'LocalSecondaryIndexes',
  'BillingMode',
  'ProvisionedThroughput',
  'StreamSpecification',
];

function toTable(logicalId: string, name: string, properties: Record<string, unknown>): LocalTable {
  const definition: LocalTable['definition'] = { TableName: name };
  for (const key of tableKeys) {
    if (properties[key] !== undefined) {
      definition[key] = properties[key];
    }
  }
  const stream = properties.StreamSpecification as { StreamViewType?: string } | undefined;
  if (stream?.StreamViewType) {
    definition.StreamSpecification = { StreamEnabled: true, StreamViewType: stream.StreamViewType };
  }

  return { logicalId, definition };
}

function toEventSourceMapping(logicalId: string, properties: Record<string, unknown>): LocalEventSourceMapping {
  const functionArn = properties.FunctionName as string;
  const responseTypes = (properties.FunctionResponseTypes as string[] | undefined) ?? [];
  const scaling = properties.ScalingConfig as { MaximumConcurrency?: number } | undefined;

  const eventSourceArn = properties.EventSourceArn as string;
  const sourceKind = eventSourceArn.startsWith('arn:aws:dynamodb:') ? 'dynamodb' : 'sqs';
  const destination = properties.DestinationConfig as { OnFailure?: { Destination?: string } } | undefined;

  return {
    logicalId,
    functionName: functionArn.split(':').pop() as string,
    sourceKind,
    eventSourceArn,
    batchSize: Number(properties.BatchSize ?? (sourceKind === 'dynamodb' ? 100 : 10)),
    maximumBatchingWindowInSeconds: Number(properties.MaximumBatchingWindowInSeconds ?? 0),
    reportBatchItemFailures: responseTypes.includes('ReportBatchItemFailures'),
    enabled: properties.Enabled !== false && properties.Enabled !== 'false',
    maximumConcurrency: scaling?.MaximumConcurrency,
    startingPosition: properties.StartingPosition as string | undefined,
    maximumRetryAttempts: Number(properties.MaximumRetryAttempts ?? -1),
    onFailureDestination: destination?.OnFailure?.Destination,
  };
}

export async function readTemplateFile(path: string, options: TemplateOptions): Promise<LocalResources> {
  const template = JSON.parse(await readFile(path, 'utf8'));

  return readResources(template, options);
}
