import { SupportError } from '../../protocol/errors.js';
import { LazyModuleController } from '../lazy-module.js';
import type { SupportElement } from '../base.js';
import type { ChatPanel, ChatPanelOptions } from './chat-panel.js';

/**
 * The chat panel's inside as a module of its own, so a page downloads it only when it is needed:
 * built when it arrives, and shown once its strings are in too (no flash of English on a Chinese
 * page). A failed preload stays quiet: showing the panel tries again.
 */
export function chatPanelLoader(host: SupportElement, options: ChatPanelOptions): LazyModuleController<ChatPanel> {
  return new LazyModuleController<ChatPanel>(host, {
    load: async () => {
      const { ChatPanel } = await import('./chat-panel.js');
      const panel = new ChatPanel(host, options);
      await options.i18n.loading; // the thread's strings, registered by the panel
      return panel;
    },
    failed: (error) => {
      if (options.shown()) options.connection.reportError(new SupportError('network', 'Could not load the chat panel.', { cause: error }));
    },
  });
}
