/**
 * Paints annotation strokes onto a 2D canvas of the still's size: the live overlay on both screens
 * and the composed image "Send to chat" posts use this one function, so they cannot disagree.
 * Sizes scale with the still, so a drawing looks the same at 640 and at 1920 px.
 */
import { SupportError } from '../../protocol/errors.js';
import type { NormalPoint } from '../../core/call/call-annotation-ops.js';
import type { AnnotationStroke } from '../../core/call/call-annotation-board.js';

/** Line width in px for a still `width` x `height`. */
export function lineWidthFor(width: number, height: number): number {
  return Math.max(4, Math.round(Math.max(width, height) * 0.008));
}

/** Paints `strokes` over whatever `context` holds, for a canvas of `width` x `height` px. */
export function paintStrokes(context: CanvasRenderingContext2D, strokes: readonly AnnotationStroke[], width: number, height: number): void {
  const line = lineWidthFor(width, height);
  const px = (point: NormalPoint): [number, number] => [point[0] * width, point[1] * height];
  context.save();
  context.lineCap = 'round';
  context.lineJoin = 'round';
  context.lineWidth = line;
  for (const stroke of strokes) {
    context.strokeStyle = stroke.color;
    context.fillStyle = stroke.color;
    const points = stroke.points.map(px);
    const [first, last] = [points[0], points[points.length - 1]];
    if (!first || !last) continue;
    context.beginPath();
    if (stroke.tool === 'pen') {
      context.moveTo(...first);
      for (const point of points.slice(1)) context.lineTo(...point);
      if (points.length === 1) context.lineTo(first[0] + 0.01, first[1]);
    } else if (stroke.tool === 'arrow') {
      arrow(context, first, last, line * 4);
    } else if (stroke.tool === 'circle') {
      context.ellipse((first[0] + last[0]) / 2, (first[1] + last[1]) / 2, Math.abs(last[0] - first[0]) / 2, Math.abs(last[1] - first[1]) / 2, 0, 0, Math.PI * 2);
    } else {
      label(context, stroke.text ?? '', first, Math.max(14, Math.round(height * 0.04)), line);
      continue;
    }
    context.stroke();
  }
  context.restore();
}

function arrow(context: CanvasRenderingContext2D, from: [number, number], to: [number, number], head: number): void {
  const angle = Math.atan2(to[1] - from[1], to[0] - from[0]);
  context.moveTo(...from);
  context.lineTo(...to);
  for (const side of [-1, 1]) {
    context.moveTo(...to);
    context.lineTo(to[0] - head * Math.cos(angle + (side * Math.PI) / 6), to[1] - head * Math.sin(angle + (side * Math.PI) / 6));
  }
}

/** A text label: the colour over a dark outline, readable on any picture. */
function label(context: CanvasRenderingContext2D, text: string, at: [number, number], size: number, line: number): void {
  context.font = `600 ${size}px system-ui, sans-serif`;
  context.textBaseline = 'middle';
  context.lineWidth = Math.max(2, line * 0.75);
  context.strokeStyle = 'rgb(0 0 0 / 0.75)';
  context.strokeText(text, ...at);
  context.fillText(text, ...at);
  context.lineWidth = line;
}

/**
 * The still with its drawing as one image of the still's full resolution (what "Send to chat"
 * posts). `image` must be decoded.
 */
export async function composeAnnotated(image: HTMLImageElement, strokes: readonly AnnotationStroke[], type = 'image/jpeg'): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const context = canvas.getContext('2d');
  if (!context) throw new SupportError('internal', 'Canvas 2D is not available');
  context.drawImage(image, 0, 0);
  paintStrokes(context, strokes, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, 0.92));
  if (!blob) throw new SupportError('internal', 'The annotated image could not be encoded');
  return blob;
}
