import { css } from 'lit';

/** The voice and video call buttons of a thread's header: a 44 px target on touch screens. */
export const callButtonStyles = css`
  @media (pointer: coarse) {
    .call-start {
      inline-size: 44px;
      block-size: 44px;
    }
  }
`;
