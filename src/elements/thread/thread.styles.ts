import type { CSSResult } from 'lit';
import { attachmentStyles } from '../attachments/attachments.styles.js';
import { draftStyles } from '../attachments/draft.styles.js';
import { composerStyles } from '../composer/composer.styles.js';
import { contextCardStyles } from './context-card.styles.js';
import { messageListStyles } from './message-list.styles.js';

/** The styles of what `ThreadController` renders: context card, messages, composer, attachments. */
export const threadStyles: CSSResult[] = [contextCardStyles, messageListStyles, composerStyles, attachmentStyles, draftStyles];
