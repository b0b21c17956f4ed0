import type { SupportClient } from '../../core/support-client.js';
import type { Attachment, MessageKind } from '../../protocol/model.js';
import type { UploadProvider } from '../../uploads/types.js';
import type { UploadJob } from '../../uploads/upload-job.js';

/** The `support-before-send` detail's view of the files: the stored ones, and the names of those still uploading. */
export function filesDetail(files: readonly UploadJob[]): { attachments: Attachment[]; uploading: string[] } {
  return {
    attachments: files.flatMap((job) => (job.attachment ? [job.attachment] : [])),
    uploading: files.filter((job) => !job.attachment).map((job) => job.name),
  };
}

/**
 * Gives the client the page's own `uploadProvider` (the element's property), so the files of
 * queued messages go where the composer's do, also after a reload. Without one the client keeps its default.
 */
export function useUploadProvider(client: SupportClient, provider: UploadProvider | undefined): void {
  if (provider && client.uploadProvider !== provider) client.uploadProvider = provider;
}

/**
 * Hands a message (`kind`: a reply, or the inbox's private note) to the client (which sends it once its files are stored); a refusal (too
 * long, client disposed) goes to `report` (the element's `support-error`) and the text and
 * attachments stay in the composer.
 * @returns true when the client took the message.
 */
export function sendOrReport(
  client: SupportClient,
  conversationId: string,
  body: string,
  report: (error: unknown) => void,
  files: readonly UploadJob[] = [],
  kind: MessageKind = 'text',
): boolean {
  try {
    client.send(conversationId, { body, ...(files.length > 0 ? { files } : {}), ...(kind === 'text' ? {} : { kind }) });
    return true;
  } catch (error) {
    report(error);
    return false;
  }
}
