/** Raised when a command names an order that has no events. */
export class OrderNotFoundError extends Error {
  constructor(readonly orderId: string) {
    super(`Order ${orderId} not found`);
    this.name = 'OrderNotFoundError';
  }
}

/** Raised when a command is not valid in the order's current state. */
export class InvalidOrderCommandError extends Error {
  constructor(
    readonly command: string,
    readonly orderId: string,
    readonly reason: string,
  ) {
    super(`${command} rejected for order ${orderId}: ${reason}`);
    this.name = 'InvalidOrderCommandError';
  }
}
