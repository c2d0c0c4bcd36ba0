import type { IntegrationEvent } from '../../../schemas/event-definition';
import type { PublishEvents } from '../../../lib/event-publisher';

/** Creates a publisher that records every published event. */
export function recordingPublisher(): PublishEvents & { published: IntegrationEvent[] } {
  const published: IntegrationEvent[] = [];
  const publish = async (events: readonly IntegrationEvent[]) => {
    published.push(...events);
  };

  return Object.assign(publish, { published });
}
