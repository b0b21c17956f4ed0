/** Default size limit of one upload, shared by the relay server and `relayUploadProvider` (25 MiB). */
export const DEFAULT_MAX_UPLOAD_BYTES = 25 * 1024 * 1024;
