import { SupportError } from '../protocol/errors.js';

export interface ResizeImageOptions {
  /** Longest side of the result in pixels (never enlarged). Default 2048. */
  maxLongSide?: number;
  /** Output type. Default `image/jpeg`; a browser that cannot encode it falls back to PNG. */
  mime?: string;
  /** Encoder quality for lossy types, 0..1. Default 0.85. */
  quality?: number;
}

export interface ResizedImage {
  blob: Blob;
  width: number;
  height: number;
}

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

function unsupported(message: string, cause?: unknown): SupportError {
  return new SupportError('unsupported-type', message, { cause, retryable: false });
}

/** Decodes with the EXIF orientation applied (older engines reject the option: they apply it by default). */
async function decode(file: Blob): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch (error) {
    if (!(error instanceof TypeError)) throw unsupported('the image could not be decoded', error);
  }
  try {
    return await createImageBitmap(file);
  } catch (error) {
    throw unsupported('the image could not be decoded', error);
  }
}

function draw(context: Context2D | null, bitmap: ImageBitmap, width: number, height: number, mime: string): void {
  if (context === null) throw unsupported('no 2D canvas to resize the image with');
  // JPEG has no alpha channel: transparent pixels would otherwise turn black.
  if (mime === 'image/jpeg') {
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
  }
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
}

/** Draws and re-encodes on an OffscreenCanvas where there is one (workers too), else a DOM canvas. */
async function encode(bitmap: ImageBitmap, width: number, height: number, mime: string, quality: number): Promise<Blob> {
  if (typeof OffscreenCanvas === 'function') {
    const canvas = new OffscreenCanvas(width, height);
    draw(canvas.getContext('2d'), bitmap, width, height, mime);
    return canvas.convertToBlob({ type: mime, quality });
  }
  if (typeof document === 'undefined') throw unsupported('resizing images needs a canvas');
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  draw(canvas.getContext('2d'), bitmap, width, height, mime);
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob === null ? reject(unsupported('the image could not be encoded')) : resolve(blob)), mime, quality);
  });
}

/**
 * Scales a photo down so its long side is at most `maxLongSide` and re-encodes it (JPEG at 0.85
 * by default). The EXIF orientation is applied to the pixels and all metadata (EXIF, GPS
 * position, camera serial) is dropped, since only pixels are re-encoded. Animated GIFs lose their
 * animation: upload those as they are. Rejects with `SupportError` `unsupported-type` when the
 * image cannot be decoded or there is no canvas (e.g. in Node); importing this module anywhere
 * is safe.
 *
 * @example
 * const { blob, width, height } = await resizeImage(file);
 * const stored = await uploads.upload(blob, { conversationId, name: 'photo.jpg' });
 */
export async function resizeImage(file: Blob, options: ResizeImageOptions = {}): Promise<ResizedImage> {
  const { maxLongSide = 2048, mime = 'image/jpeg', quality = 0.85 } = options;
  if (typeof createImageBitmap !== 'function') throw unsupported('resizing images needs createImageBitmap (a browser)');
  const bitmap = await decode(file);
  try {
    const scale = Math.min(1, maxLongSide / Math.max(bitmap.width, bitmap.height, 1));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const blob = await encode(bitmap, width, height, mime, quality);
    return { blob, width, height };
  } finally {
    bitmap.close();
  }
}
