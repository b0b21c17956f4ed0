/**
 * When the assistant steps aside (issue 18), as pure functions of what the customer wrote and
 * what the conversation's assistant turn knows: words asking for a person ("human", "agent",
 * "人工", "转人工"...), upset words, two "That didn't help", or an answer below the confidence
 * threshold. The relay applies the decision (`relay-assistant.ts`).
 */
import type { HandoffReason } from 'support-widget/protocol';

/** Below this confidence the assistant hands over instead of answering. */
export const DEFAULT_CONFIDENCE_THRESHOLD = 0.2;
/** "That didn't help" this many times hands over. */
export const UNHELPFUL_LIMIT = 2;

const ASKS_EN = /\b(human|humans|agent|agents|person|people|operator|representative|rep|someone real|real person|staff|manager|supervisor|customer service)\b/i;
const ASKS_ZH = /人工|真人|客服|经理|转接|真人服务|找人/;
const UPSET_EN = /\b(ridiculous|furious|angry|terrible|horrible|awful|useless|worst|garbage|rubbish|scam|fraud|unacceptable|disgusting|fed up|pathetic|wtf|complain|complaint|lawyer|sue)\b|!{3,}/i;
const UPSET_ZH = /垃圾|投诉|骗子|诈骗|气死|生气|太差|差劲|无语|坑人|恶心|愤怒|受够|举报|退钱/;

/** Questions about one order, payment or delivery: the knowledge base cannot see the shop's orders, a person can. */
const ACCOUNT_EN = /\b(my order|order (number|no\.?|#?\d+)|orders? #?\d{3,}|deliver(y|ed)|courier|parcel|package|tracking number|shipping address|address|invoice|receipt|charged|payment|paid|cancel|discount|coupon|promo|voucher|pick ?up)\b/i;
const ACCOUNT_ZH = /订单|快递|物流|包裹|收货|地址|发票|扣款|扣了|付款|支付|取消|优惠|折扣|自提|门店|到货|发货|签收/;

/**
 * The reason the customer's own words hand over, if they do: a person asked for first, then
 * upset, then a question about their own order (`low-confidence`: no article can answer it).
 */
export function wordsHandoff(text: string): Extract<HandoffReason, 'asked' | 'upset' | 'low-confidence'> | undefined {
  if (ASKS_EN.test(text) || ASKS_ZH.test(text)) return 'asked';
  if (UPSET_EN.test(text) || UPSET_ZH.test(text)) return 'upset';
  if (ACCOUNT_EN.test(text) || ACCOUNT_ZH.test(text)) return 'low-confidence';
  return undefined;
}

/** What the assistant does with an answer of this confidence (`undefined`: nothing found). */
export function answerHandoff(confidence: number | undefined, threshold = DEFAULT_CONFIDENCE_THRESHOLD): 'low-confidence' | undefined {
  return confidence === undefined || confidence < threshold ? 'low-confidence' : undefined;
}

/** True when this many "That didn't help" hand over. */
export function unhelpfulHandoff(unhelpful: number): boolean {
  return unhelpful >= UNHELPFUL_LIMIT;
}
