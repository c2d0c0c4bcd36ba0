import { randomUUID } from 'node:crypto';

/** Source of the current time, injected so that tests can fix it. */
export type Clock = () => Date;

/** Source of new unique ids (UUID v4 in production). */
export type IdGenerator = () => string;

export const systemClock: Clock = () => new Date();

export const randomId: IdGenerator = () => randomUUID();
