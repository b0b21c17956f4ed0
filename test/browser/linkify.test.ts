import { expect } from '@esm-bundle/chai';
import { linkify } from '../../src/elements/text/linkify.js';
import { toHttpUrl } from '../../src/elements/text/safe-url.js';

/** Segments as one readable string: text as is, links as [text -> href]. */
function show(text: string): string {
  return linkify(text)
    .map((segment) => (segment.kind === 'link' ? `[${segment.text} -> ${segment.href}]` : segment.text))
    .join('');
}

describe('linkify', () => {
  it('links http, https and www addresses only', () => {
    expect(show('a http://x.io b https://y.io/p?q=1#h c www.z.org')).to.equal(
      'a [http://x.io -> http://x.io/] b [https://y.io/p?q=1#h -> https://y.io/p?q=1#h] c [www.z.org -> https://www.z.org/]',
    );
  });

  it('never links javascript:, data:, mailto: or ftp:', () => {
    const text = 'javascript:alert(1) data:text/html,x mailto:a@b.c ftp://f.io JAVASCRIPT://%0aalert(1)';
    expect(show(text)).to.equal(text);
  });

  it('leaves trailing punctuation and unbalanced brackets out of links', () => {
    expect(show('see https://x.io/a.')).to.equal('see [https://x.io/a -> https://x.io/a].');
    expect(show('(https://x.io/a)')).to.equal('([https://x.io/a -> https://x.io/a])');
    expect(show('https://en.wikipedia.org/wiki/A_(b)!')).to.equal(
      '[https://en.wikipedia.org/wiki/A_(b) -> https://en.wikipedia.org/wiki/A_(b)]!',
    );
  });

  it('keeps the text around links, newlines included', () => {
    expect(show('line 1\nhttps://x.io\nline 3')).to.equal('line 1\n[https://x.io -> https://x.io/]\nline 3');
    expect(show('')).to.equal('');
  });

  it('accepts only http(s) URLs for images and product links', () => {
    expect(toHttpUrl('https://shop.example/a.png')).to.equal('https://shop.example/a.png');
    expect(toHttpUrl('/a.png', 'https://shop.example/p/')).to.equal('https://shop.example/a.png');
    expect(toHttpUrl('javascript:alert(1)')).to.equal(undefined);
    expect(toHttpUrl(' data:image/png;base64,AAAA')).to.equal(undefined);
    expect(toHttpUrl('blob:https://shop.example/x')).to.equal(undefined);
    expect(toHttpUrl(undefined)).to.equal(undefined);
  });
});
