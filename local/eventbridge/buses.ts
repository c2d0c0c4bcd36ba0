import { DEFAULT_BUS_NAME, busNameFromParameter, eventBusArn } from './arn';
import { EventBridgeApiError, busNotFoundError, validationError } from './errors';
import { paginate } from './pagination';
import { readOptionalString, readRequiredString } from './validate';
import type { ApiRequest, EventBus, ServiceContext } from './types';

const BUS_NAME_PATTERN = /^[/.\-_A-Za-z0-9]+$/;

/** Converts a date to the epoch seconds that the AWS JSON protocol uses for timestamps. */
export function toEpochSeconds(date: Date): number {
  return date.getTime() / 1000;
}

function describeBus(bus: EventBus): Record<string, unknown> {
  return {
    Name: bus.name,
    Arn: bus.arn,
    Description: bus.description,
    CreationTime: toEpochSeconds(bus.creationTime),
    LastModifiedTime: toEpochSeconds(bus.lastModifiedTime),
  };
}

/** The event buses of one account and region. The `default` bus always exists. */
export class EventBusStore {
  private readonly buses = new Map<string, EventBus>();

  constructor(private readonly context: ServiceContext) {
    this.add(DEFAULT_BUS_NAME, undefined);
  }

  /** Returns the bus that an `EventBusName` parameter (name or ARN) names, if it exists. */
  find(nameOrArn: string | undefined): EventBus | undefined {
    const name = busNameFromParameter(this.context, nameOrArn ?? DEFAULT_BUS_NAME);

    return this.buses.get(name);
  }

  /** Returns the bus named by the parameter, or throws ResourceNotFoundException. */
  get(nameOrArn: string | undefined): EventBus {
    const bus = this.find(nameOrArn);
    if (!bus) {
      throw busNotFoundError(nameOrArn ?? DEFAULT_BUS_NAME);
    }

    return bus;
  }

  all(): EventBus[] {
    return [...this.buses.values()];
  }

  createEventBus(request: ApiRequest): unknown {
    const name = readRequiredString(request, 'Name', {
      maxLength: 256,
      pattern: BUS_NAME_PATTERN,
    });
    const description = readOptionalString(request, 'Description', { maxLength: 512 });
    if (request.EventSourceName !== undefined || name.startsWith('aws.')) {
      throw validationError('Partner event buses (EventSourceName) are not emulated locally.');
    }
    if (name.includes('/')) {
      throw validationError(`Event bus name "${name}" is not valid: it must not contain "/".`);
    }
    if (this.buses.has(name)) {
      const message = `Event bus ${name} already exists.`;
      throw new EventBridgeApiError('ResourceAlreadyExistsException', message);
    }
    // NOTE: KmsKeyIdentifier, DeadLetterConfig, LogConfig and Tags are accepted but not stored.
    const bus = this.add(name, description);

    return { EventBusArn: bus.arn, Description: bus.description };
  }

  describeEventBus(request: ApiRequest): unknown {
    const nameOrArn = readOptionalString(request, 'Name', { minLength: 1 });

    return describeBus(this.get(nameOrArn));
  }

  listEventBuses(request: ApiRequest): unknown {
    const prefix = readOptionalString(request, 'NamePrefix') ?? '';
    const matching = this.all()
      .filter((bus) => bus.name.startsWith(prefix))
      .sort((a, b) => a.name.localeCompare(b.name));
    const page = paginate(matching, request);

    return { EventBuses: page.items.map(describeBus), NextToken: page.nextToken };
  }

  /**
   * Deletes a custom bus together with its rules and their targets. Deleting a bus that
   * does not exist succeeds, as on AWS.
   * NOTE: whether AWS rejects deleting a bus that still has rules was not checked.
   */
  deleteEventBus(request: ApiRequest): unknown {
    const name = readRequiredString(request, 'Name', { maxLength: 256 });
    if (name === DEFAULT_BUS_NAME) {
      throw validationError('Cannot delete event bus default.');
    }
    this.buses.delete(name);

    return {};
  }

  private add(name: string, description: string | undefined): EventBus {
    const now = this.context.now();
    const bus: EventBus = {
      name,
      arn: eventBusArn(this.context, name),
      description,
      creationTime: now,
      lastModifiedTime: now,
      rules: new Map(),
    };
    this.buses.set(name, bus);

    return bus;
  }
}
