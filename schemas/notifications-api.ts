import { z } from 'zod';

export const NotificationKind = z.enum(['OrderConfirmed', 'OrderCancelled']);
export type NotificationKind = z.infer<typeof NotificationKind>;

/** One entry of `GET /notifications?orderId=...`. */
export const NotificationView = z.object({
  orderId: z.uuid(),
  customerId: z.string().min(1),
  kind: NotificationKind,
  sentAt: z.iso.datetime(),
});
export type NotificationView = z.infer<typeof NotificationView>;

export const NotificationList = z.array(NotificationView);

export const ListNotificationsQuery = z.object({ orderId: z.string().min(1) });
