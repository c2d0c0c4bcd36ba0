import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';

/** The template that `osls package` wrote for the test stack in the global setup. */
const templatePath = inject('templatePath');

interface Resource {
  Type: string;
  Properties: Record<string, any>;
}

const resources = JSON.parse(readFileSync(templatePath, 'utf8')).Resources as Record<string, Resource>;

function ofType(type: string): [string, Resource][] {
  return Object.entries(resources).filter(([, resource]) => resource.Type === type);
}

function getAttTarget(value: unknown): string | undefined {
  const target = (value as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt'];

  return target?.[0];
}

/** Returns every logical id that a value refers to through Ref, Fn::GetAtt or Fn::Sub. */
function referencedIds(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.flatMap(referencedIds);
  }
  if (value === null || typeof value !== 'object') {
    return [];
  }
  const record = value as Record<string, unknown>;
  if (typeof record.Ref === 'string') {
    return [record.Ref];
  }
  const getAtt = getAttTarget(record);
  if (getAtt) {
    return [getAtt];
  }
  if (typeof record['Fn::Sub'] === 'string') {
    return [...(record['Fn::Sub'] as string).matchAll(/\$\{([A-Za-z0-9]+)[.}]/g)].map((match) => match[1] as string).filter((id) => id in resources);
  }

  return Object.values(record).flatMap(referencedIds);
}

const mappings = ofType('AWS::Lambda::EventSourceMapping');
const sourceType = (mapping: Resource) => resources[getAttTarget(mapping.Properties.EventSourceArn) as string]?.Type;
const queueMappings = mappings.filter(([, mapping]) => sourceType(mapping) === 'AWS::SQS::Queue');
const streamMappings = mappings.filter(([, mapping]) => sourceType(mapping) === 'AWS::DynamoDB::Table');
const consumerQueues = new Set(queueMappings.map(([, mapping]) => getAttTarget(mapping.Properties.EventSourceArn) as string));
const onFailureQueue = (mapping: Resource) => getAttTarget(mapping.Properties.DestinationConfig?.OnFailure?.Destination);

describe('packaged CloudFormation template', () => {
  it('gives every consumer queue a DLQ', () => {
    expect(consumerQueues.size).toBe(4);
    for (const queueId of consumerQueues) {
      const redrive = resources[queueId]?.Properties.RedrivePolicy;
      const dlqId = getAttTarget(redrive?.deadLetterTargetArn);
      expect(dlqId, `${queueId} has no RedrivePolicy`).toBeDefined();
      expect(resources[dlqId as string]?.Type).toBe('AWS::SQS::Queue');
      expect(Number(redrive.maxReceiveCount)).toBeGreaterThan(0);
    }
  });

  it('points every rule at a queue', () => {
    const rules = ofType('AWS::Events::Rule');
    expect(rules.length).toBeGreaterThanOrEqual(4);
    for (const [ruleId, rule] of rules) {
      expect(rule.Properties.Targets, `${ruleId} has no targets`).not.toHaveLength(0);
      for (const target of rule.Properties.Targets) {
        expect(resources[getAttTarget(target.Arn) as string]?.Type, `${ruleId} target`).toBe('AWS::SQS::Queue');
      }
      expect(getAttTarget(rule.Properties.EventBusName) ?? rule.Properties.EventBusName.Ref).toBe('EventBus');
    }
  });

  it('reads the event tables streams with retries and an on-failure queue', () => {
    const relayMappings = streamMappings.filter(([, mapping]) => getAttTarget(mapping.Properties.FunctionName) === 'RelayEventsLambdaFunction');
    const tables = relayMappings.map(([, mapping]) => getAttTarget(mapping.Properties.EventSourceArn));
    expect(tables.sort()).toEqual(['InventoryTable', 'OrdersTable', 'PaymentsTable']);
    for (const [mappingId, mapping] of streamMappings) {
      expect(mapping.Properties.StartingPosition, mappingId).toBe('TRIM_HORIZON');
      expect(mapping.Properties.FunctionResponseTypes, mappingId).toEqual(['ReportBatchItemFailures']);
      expect(Number(mapping.Properties.MaximumRetryAttempts), mappingId).toBeGreaterThan(0);
      expect(Number(mapping.Properties.BatchSize), mappingId).toBeGreaterThan(0);
      expect(resources[onFailureQueue(mapping) as string]?.Type, mappingId).toBe('AWS::SQS::Queue');
    }
  });

  it('enables a stream on every table the relay reads', () => {
    for (const [, mapping] of streamMappings) {
      const table = resources[getAttTarget(mapping.Properties.EventSourceArn) as string] as Resource;
      expect(table.Properties.StreamSpecification?.StreamViewType).toMatch(/NEW_IMAGE|NEW_AND_OLD_IMAGES/);
    }
  });

  it('sets visibility timeouts to six times the function timeout', () => {
    for (const [, mapping] of queueMappings) {
      const functionId = getAttTarget(mapping.Properties.FunctionName) as string;
      const queueId = getAttTarget(mapping.Properties.EventSourceArn) as string;
      const timeout = Number(resources[functionId]?.Properties.Timeout);
      expect(Number(resources[queueId]?.Properties.VisibilityTimeout)).toBeGreaterThanOrEqual(6 * timeout);
      expect(mapping.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    }
  });

  it('scopes every role to its own function', () => {
    const functions = ofType('AWS::Lambda::Function');
    expect(functions).toHaveLength(12);
    for (const [functionId, fn] of functions) {
      const roleId = getAttTarget(fn.Properties.Role) as string;
      const role = resources[roleId] as Resource;
      const variables = Object.values(fn.Properties.Environment?.Variables ?? {}) as string[];
      const ownTables = ofType('AWS::DynamoDB::Table')
        .filter(([, table]) => variables.includes(table.Properties.TableName))
        .map(([id]) => id);
      const ownMappings = mappings.filter(([, mapping]) => getAttTarget(mapping.Properties.FunctionName) === functionId);
      const ownSources = ownMappings.map(([, mapping]) => getAttTarget(mapping.Properties.EventSourceArn) as string);
      const ownFailureQueues = ownMappings.flatMap(([, mapping]) => onFailureQueue(mapping) ?? []);
      const allowed = new Set([...ownTables, ...ownSources, ...ownFailureQueues, 'EventBus']);
      const statements = role.Properties.Policies.flatMap(
        (policy: { PolicyDocument: { Statement: { Resource: unknown }[] } }) => policy.PolicyDocument.Statement,
      );
      for (const statement of statements) {
        expect(JSON.stringify(statement.Resource), `${roleId} uses a wildcard resource`).not.toMatch(/"\*"/);
        for (const id of referencedIds(statement.Resource)) {
          expect(allowed.has(id), `${roleId} names ${id}, which ${functionId} does not own`).toBe(true);
        }
      }
      const logStatement = JSON.stringify(statements[0].Resource);
      expect(logStatement).toContain(`/aws/lambda/${fn.Properties.FunctionName}:`);
    }
  });
});
