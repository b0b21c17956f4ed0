import type { ConversationSummary } from '../protocol/model.js';
import type { ContactInfo, CsatState } from '../protocol/relationship.js';

/** What a conversation's customer side knows of issue 17's fields: the contact email and the satisfaction question. */
export interface RelationshipFields {
  /** The customer's contact email for replies by email, when they gave one. */
  contact?: ContactInfo;
  /** The satisfaction question, once the relay asked it (`asked`, then `answered`). */
  csat?: CsatState;
}

/** The relationship fields of a summary; a summary replaces them whole. */
export function relationshipFieldsOf(summary: ConversationSummary): RelationshipFields {
  const { contact, csat } = summary;
  return {
    ...(contact === undefined ? {} : { contact: { ...contact } }),
    ...(csat === undefined ? {} : { csat: { ...csat } }),
  };
}
