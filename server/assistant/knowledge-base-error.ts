/** A knowledge base that cannot be loaded (a bad file, two articles with one id): the relay refuses to start with it. */
export class KnowledgeBaseError extends Error {
  override readonly name = 'KnowledgeBaseError';
}
