/**
 * Attachments: the `UploadProvider` contract, the relay implementation, client-side image
 * resizing and the helpers to show stored files.
 */
export type { UploadedFile, UploadOptions, UploadProvider } from './types.js';
export { relayUploadProvider, type RelayUploadOptions } from './relay-upload-provider.js';
export { UploadJob, type PreparedFile, type UploadJobInit, type UploadJobState } from './upload-job.js';
export { kindOfType } from './file-kind.js';
export { resizeImage, type ResizeImageOptions, type ResizedImage } from './image-resize.js';
export { relayHttpBase, resolveUploadUrl } from './upload-url.js';
export { requestSignedUploadUrl, type SignedUploadUrl, type SignedUploadUrlOptions } from './signed-upload-url.js';
export { DEFAULT_MAX_UPLOAD_BYTES } from '../protocol/limits.js';
