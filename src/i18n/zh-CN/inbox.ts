import type { Strings } from '../catalog.js';
import type { InboxTermKey } from '../en/inbox.js';

/** Simplified Chinese inbox strings (the type makes a missing or extra key an error). */
export const strings: Strings<InboxTermKey> = {
  'inbox.label': '会话',
  'inbox.empty': '暂无会话。',
  'inbox.select': '选择一个会话以查看消息。',
  'inbox.unread': '{count} 条未读',
  'inbox.noMessages': '暂无消息',
  'inbox.you': '我',
  'inbox.customer': '客户',
  'inbox.loadMore': '加载更多会话',
  'inbox.loadingMore': '正在加载更多会话…',
  'inbox.search': '搜索会话',
  'inbox.searchHint': '姓名、邮箱或消息内容',
  'inbox.searchResults': '搜索结果',
  'inbox.searching': '正在搜索…',
  'inbox.searchCount': '找到 {count} 个会话',
  'inbox.searchNone': '没有匹配的会话。',
  'inbox.searchPartial': '关键词较短，仅搜索了最近的消息。',
  'inbox.searchFailed': '搜索失败，请重试。',
  'inbox.searchCustomer': '客户信息匹配',
};
