/**
 * Resolves the CloudFormation intrinsic functions that a packaged Serverless template uses
 * (Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select) to the values the local runtime gives
 * each resource.
 */
export interface ResourceValues {
  /** The value `Ref` returns for the resource. */
  ref: string;
  /** Attributes that `Fn::GetAtt` reads, e.g. Arn or QueueUrl. */
  attributes: Record<string, string>;
}

export interface IntrinsicContext {
  region: string;
  accountId: string;
  stackName: string;
  resources: Map<string, ResourceValues>;
}

export class UnresolvableIntrinsicError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnresolvableIntrinsicError';
  }
}

function pseudoParameter(name: string, context: IntrinsicContext): string | undefined {
  const values: Record<string, string> = {
    'AWS::Region': context.region,
    'AWS::AccountId': context.accountId,
    'AWS::StackName': context.stackName,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
  };

  return values[name];
}

function resolveRef(name: string, context: IntrinsicContext): string {
  const value = pseudoParameter(name, context) ?? context.resources.get(name)?.ref;
  if (value === undefined) {
    throw new UnresolvableIntrinsicError(`Ref to unknown resource "${name}"`);
  }

  return value;
}

function resolveGetAtt(target: unknown, context: IntrinsicContext): string {
  const [logicalId, attribute] =
    typeof target === 'string' ? target.split('.', 2) : (target as [string, string]);
  const value = context.resources.get(logicalId ?? '')?.attributes[attribute ?? ''];
  if (value === undefined) {
    throw new UnresolvableIntrinsicError(`Fn::GetAtt ${logicalId}.${attribute} is not known locally`);
  }

  return value;
}

function resolveSub(argument: unknown, context: IntrinsicContext): string {
  const [template, variables] = Array.isArray(argument)
    ? [argument[0] as string, resolveIntrinsics(argument[1], context) as Record<string, string>]
    : [argument as string, {} as Record<string, string>];

  return template.replace(/\$\{([^}!][^}]*)\}/g, (_match, name: string) => {
    if (name in variables) {
      return String(variables[name]);
    }
    if (name.includes('.')) {
      return resolveGetAtt(name, context);
    }

    return resolveRef(name, context);
  });
}

/** Returns a copy of `value` with every intrinsic function replaced by its value. */
export function resolveIntrinsics(value: unknown, context: IntrinsicContext): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => resolveIntrinsics(item, context));
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  const entries = Object.entries(value);
  if (entries.length === 1) {
    const [key, argument] = entries[0] as [string, unknown];
    switch (key) {
      case 'Ref':
        return resolveRef(argument as string, context);
      case 'Fn::GetAtt':
        return resolveGetAtt(argument, context);
      case 'Fn::Sub':
        return resolveSub(argument, context);
      case 'Fn::Join': {
        const [separator, parts] = argument as [string, unknown[]];

        return (resolveIntrinsics(parts, context) as unknown[]).join(separator);
      }
      case 'Fn::Select': {
        const [index, list] = argument as [number, unknown];

        return (resolveIntrinsics(list, context) as unknown[])[Number(index)];
      }
    }
  }

  return Object.fromEntries(entries.map(([key, item]) => [key, resolveIntrinsics(item, context)]));
}
