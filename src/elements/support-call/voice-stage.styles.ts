import { css } from 'lit';

/**
 * The stage of a call without the other side's video: a name card instead of a black box, shorter
 * than the video stage inline; full screen on a phone it stays centred. The remote video element
 * stays in the page (it plays their sound) but takes no room.
 */
export const voiceStageStyles = css`
  .stage[data-audio] {
    display: grid;
    place-items: center;
    block-size: auto;
    min-block-size: 200px;
    background: rgb(255 255 255 / 0.06);
  }

  .stage[data-audio] .remote {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    opacity: 0;
    pointer-events: none;
  }

  .voice-stage {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 12px;
    padding: 24px 16px;
  }

  .voice-avatar {
    display: grid;
    place-items: center;
    inline-size: 96px;
    block-size: 96px;
    border-radius: 50%;
    background: var(--_primary);
    color: var(--_on-primary);
    font-size: 44px;
    font-weight: 600;
  }

  .voice-name {
    max-inline-size: 16em;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-size: 1.15em;
    font-weight: 600;
  }

  @media (prefers-reduced-motion: no-preference) {
    .call[data-state='outgoing-ringing'] .voice-avatar {
      animation: support-voice-ring 1.6s ease-in-out infinite;
    }
  }

  @keyframes support-voice-ring {
    50% {
      box-shadow: 0 0 0 12px color-mix(in srgb, var(--_primary) 30%, transparent);
    }
  }
`;
