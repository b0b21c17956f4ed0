import type { Strings } from '../catalog.js';
import type { AssistantTermKey } from '../en/assistant.js';

/** Simplified Chinese strings of the assistant (the type makes a missing or extra key an error). */
export const strings: Strings<AssistantTermKey> = {
  'assistant.label': '智能助手',
  'assistant.sources': '来自帮助文章',
  'assistant.feedback': '这个回答有帮助吗？',
  'assistant.helped': '有帮助',
  'assistant.notHelped': '没有帮助',
  'assistant.person': '转人工',
  'assistant.thanks': '感谢您的反馈。',
  'assistant.sorry': '抱歉没能帮到您。可以换个问法，或者转人工。',
  'assistant.failed': '未能发送：{reason}',
  'assistant.handoffPerson': '已为您转接人工客服，请在这里等待回复。',
  'assistant.handoffMessage': '客服现在不在线。请在这里留言，我们回来后会尽快回复。',
};
