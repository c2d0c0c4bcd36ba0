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

/** Every logical id that a value refers to through Ref, Fn::GetAtt or Fn::Sub. */
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
const consumerQueues = new Set(mappings.map(([, mapping]) => getAttTarget(mapping.Properties.EventSourceArn) as string));

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

  it('sets visibility timeouts to six times the function timeout', () => {
    for (const [, mapping] of mappings) {
      const functionId = getAttTarget(mapping.Properties.FunctionName) as string;
      const queueId = getAttTarget(mapping.Properties.EventSourceArn) as string;
      const timeout = Number(resources[functionId]?.Properties.Timeout);
      expect(Number(resources[queueId]?.Properties.VisibilityTimeout)).toBeGreaterThanOrEqual(6 * timeout);
      expect(mapping.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    }
  });

  it('scopes every role to its own function', () => {
    const functions = ofType('AWS::Lambda::Function');
    expect(functions).toHaveLength(8);
    for (const [functionId, fn] of functions) {
      const roleId = getAttTarget(fn.Properties.Role) as string;
      const role = resources[roleId] as Resource;
      const variables = Object.values(fn.Properties.Environment?.Variables ?? {}) as string[];
      const ownTables = ofType('AWS::DynamoDB::Table')
        .filter(([, table]) => variables.includes(table.Properties.TableName))
        .map(([id]) => id);
      const ownQueues = mappings
        .filter(([, mapping]) => getAttTarget(mapping.Properties.FunctionName) === functionId)
        .map(([, mapping]) => getAttTarget(mapping.Properties.EventSourceArn) as string);
      const allowed = new Set([...ownTables, ...ownQueues, 'EventBus']);
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
