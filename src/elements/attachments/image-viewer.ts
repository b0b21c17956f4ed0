import { nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { SupportError } from '../../protocol/errors.js';
import type { Attachment } from '../../protocol/model.js';
import type { AttachmentTermKey } from '../../i18n/en/attachments.js';
import type { Terms } from '../../i18n/localize-controller.js';
import type { Lightbox } from './lightbox.js';

interface LightboxModule {
  Lightbox: typeof Lightbox;
}

let lightboxModule: Promise<LightboxModule> | undefined;

/** The lightbox's code, fetched on the first click on a photo (a failed fetch is tried again next time). */
function loadLightbox(): Promise<LightboxModule> {
  lightboxModule ??= import('./lightbox.js').catch((error: unknown) => {
    lightboxModule = undefined;
    throw error;
  });
  return lightboxModule;
}

/**
 * Opens photos of the thread in the lightbox, whose code arrives with the first one opened. The
 * host renders `render()` anywhere in its shadow root (the dialog goes to the top layer).
 */
export class ImageViewer {
  private lightbox: Lightbox | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & { readonly renderRoot: ParentNode },
    private readonly strings: Terms<AttachmentTermKey>,
    private readonly report: (error: unknown) => void,
  ) {}

  /** Shows `attachment` (loaded from `src`) large; focus returns to `opener` on close. */
  readonly open = (attachment: Attachment, src: string, opener: HTMLElement): void => {
    loadLightbox().then(
      ({ Lightbox }) => {
        this.lightbox ??= new Lightbox(this.host, this.strings);
        this.lightbox.open(attachment, src, opener);
      },
      (error: unknown) => this.report(new SupportError('network', 'Could not load the photo viewer.', { cause: error })),
    );
  };

  render(): TemplateResult | typeof nothing {
    return this.lightbox?.render() ?? nothing;
  }
}
