/**
 * Decides, chunk by chunk while a file streams in, whether it is plain text (valid UTF-8 with
 * no NUL), text that looks like markup a browser could execute (HTML, SVG, XML, script), or
 * binary. Markup is never given a text type, so it can only ever be downloaded.
 */

export type TextVerdict = 'text' | 'markup' | 'binary';

/** Openings of documents a browser renders or runs; matched case-insensitively anywhere. */
const MARKUP = /<(?:svg|html|!doctype|script|\?xml|head|body|iframe|object|embed|meta|xsl:|xhtml|math)\b/i;
/** Enough characters of the previous chunk to catch a marker split across two chunks. */
const CARRY_CHARS = 16;

export class TextSniffer {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private verdict: TextVerdict = 'text';
  private carry = '';

  /** Feeds the next chunk of the file. */
  push(chunk: Uint8Array): void {
    if (this.verdict === 'binary') return;
    if (chunk.includes(0)) {
      this.verdict = 'binary';
      return;
    }
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      this.verdict = 'binary';
      return;
    }
    this.inspect(text);
  }

  /** The verdict once the whole file has been pushed. */
  finish(): TextVerdict {
    if (this.verdict === 'binary') return this.verdict;
    try {
      this.inspect(this.decoder.decode());
    } catch {
      // A multi-byte sequence cut off at the end of the file.
      this.verdict = 'binary';
    }
    return this.verdict;
  }

  private inspect(text: string): void {
    if (this.verdict === 'text' && MARKUP.test(this.carry + text)) this.verdict = 'markup';
    this.carry = (this.carry + text).slice(-CARRY_CHARS);
  }
}
