import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { DeskToolsTermKey } from '../../i18n/en/desk-tools.js';
import type { Terms } from '../../i18n/localize-controller.js';
import { DESK_SHORTCUTS, type DeskShortcut } from './desk-shortcuts.js';
import { ModalDialog } from './modal-dialog.js';

type Host = ReactiveControllerHost & { readonly renderRoot: ParentNode };

const WORDS: Record<DeskShortcut, DeskToolsTermKey> = {
  next: 'keys.next',
  previous: 'keys.previous',
  open: 'keys.open',
  reply: 'keys.reply',
  resolve: 'keys.resolve',
  help: 'keys.helpKey',
};

/** How a key is written in the help (`KeyboardEvent.key` → what is printed on the key). */
const KEY_LABELS: Readonly<Record<string, string>> = { ArrowDown: '↓', ArrowUp: '↑', Escape: 'Esc' };

/**
 * The `?` help (`part="shortcuts-dialog"`): every desk shortcut with its keys, in a modal dialog
 * (focus inside, Escape closes, focus goes back to where it was).
 */
export class ShortcutHelp {
  private readonly dialog: ModalDialog;

  constructor(
    host: Host,
    private readonly terms: Terms<DeskToolsTermKey>,
  ) {
    this.dialog = new ModalDialog(host, 'dialog.shortcuts-dialog');
  }

  /** Opens the help; focus returns to `opener` (default: what has it now). */
  show(opener?: HTMLElement): void {
    this.dialog.show(opener);
  }

  render(): TemplateResult | typeof nothing {
    if (!this.dialog.open) return nothing;
    const { terms } = this;
    const rows: Array<[readonly string[], string]> = [
      ...DESK_SHORTCUTS.map(({ action, keys }): [readonly string[], string] => [keys, terms.term(WORDS[action])]),
      [['/'], terms.term('keys.canned')],
      [['Escape'], terms.term('keys.escape')],
    ];
    return html`<dialog part="shortcuts-dialog" class="desk-dialog shortcuts-dialog" aria-labelledby="shortcuts-title" @cancel=${this.dialog.onCancel} @keydown=${this.dialog.onKeydown}>
      <div class="desk-dialog-bar">
        <h2 id="shortcuts-title">${terms.term('keys.help')}</h2>
        <button part="shortcuts-close-button" class="text-button" type="button" autofocus @click=${() => this.dialog.close()}>${terms.term('keys.close')}</button>
      </div>
      <dl class="shortcut-list">
        ${rows.map(
          ([keys, words]) => html`<div class="shortcut">
            <dt>${keys.map((key, index) => html`${index > 0 ? html` <span class="desk-muted">${terms.term('keys.or')}</span> ` : nothing}<kbd>${KEY_LABELS[key] ?? key}</kbd>`)}</dt>
            <dd>${words}</dd>
          </div>`,
        )}
      </dl>
    </dialog>`;
  }
}
