import type { Strings } from '../catalog.js';
import type { ChatTermKey } from '../en/chat.js';

/** Simplified Chinese chat strings (the type makes a missing or extra key an error). */
export const strings: Strings<ChatTermKey> = {
  'launcher.open': '打开客服聊天',
  'launcher.openUnread': '打开客服聊天，{count} 条未读消息',
  'launcher.openUnreadOne': '打开客服聊天，1 条未读消息',
  'panel.close': '关闭聊天',
  'panel.loading': '正在加载聊天…',
  'panel.loadFailed': '聊天加载失败，请检查网络连接后重试。',
  'header.support': '客服',
  'header.online': '在线',
  'header.offline': '离线，我们会通过消息回复',
  'messages.empty': '关于您的设备，欢迎随时提问。我们通常会在几分钟内回复。',
  'panel.retry': '重试',
};
