import { defineTranslations } from '../../i18n/translate.js';

/** The notification bell's texts. */
export const notificationsTranslations = defineTranslations({
  vi: {
    bell: 'Thông báo',
    bellUnread: 'Thông báo: {count} chưa đọc',
    heading: 'Thông báo',
    empty: 'Chưa có thông báo nào.',
    markRead: 'Đánh dấu đã đọc',
    markAllRead: 'Đánh dấu tất cả đã đọc',
    open: 'Mở',
    unread: 'Chưa đọc',
    reminder: 'Nhắc việc',
    popup: 'Nhắc việc: {title}',
    markedAll: 'Đã đánh dấu {count} thông báo là đã đọc.',
  },
  en: {
    bell: 'Notifications',
    bellUnread: 'Notifications: {count} unread',
    heading: 'Notifications',
    empty: 'No notifications yet.',
    markRead: 'Mark as read',
    markAllRead: 'Mark all as read',
    open: 'Open',
    unread: 'Unread',
    reminder: 'Reminder',
    popup: 'Reminder: {title}',
    markedAll: 'Marked {count} notifications as read.',
  },
});

/** A key of the notification bell's texts. */
export type NotificationsText = keyof (typeof notificationsTranslations)['vi'];
