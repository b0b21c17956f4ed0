import type { CSSResult } from 'lit';
import { attachmentStyles } from '../attachments/attachments.styles.js';
import { draftStyles } from '../attachments/draft.styles.js';
import { callButtonStyles } from '../call-slot/call-button.styles.js';
import { composerStyles } from '../composer/composer.styles.js';
import { assistantRepliesStyles } from './assistant-replies.styles.js';
import { contextCardStyles } from './context-card.styles.js';
import { messageListStyles } from './message-list.styles.js';
import { stepsCardStyles } from './steps-card.styles.js';

/** The styles of what `ThreadController` renders: context card, messages (the assistant's too), composer, attachments, call buttons. */
export const threadStyles: CSSResult[] = [contextCardStyles, messageListStyles, assistantRepliesStyles, stepsCardStyles, composerStyles, attachmentStyles, draftStyles, callButtonStyles];
