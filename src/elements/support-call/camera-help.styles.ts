import { css } from 'lit';

/** The agent's torch and zoom buttons and the customer's camera-request prompt (over the video on a phone). */
export const cameraHelpStyles = css`
  .camera-help {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: center;
    gap: 8px;
  }

  .camera-help-status {
    flex-basis: 100%;
    margin: 0;
    text-align: center;
    font-size: 0.85em;
  }

  .camera-help-status:empty {
    display: none;
  }

  .camera-request {
    display: flex;
    flex-direction: column;
    gap: 10px;
    padding: 12px;
    border-radius: 12px;
    background: rgb(255 255 255 / 0.16);
    text-align: center;
  }

  .camera-request p {
    margin: 0;
    font-weight: 600;
  }

  .camera-request-actions {
    display: flex;
    justify-content: center;
    gap: 12px;
  }

  .camera-request .answer:not(.accept) {
    background: rgb(255 255 255 / 0.2);
    color: #fff;
  }

  :host([layout='fullscreen']) :is(.camera-help, .camera-request) {
    position: relative;
  }

  :host([layout='fullscreen']) .camera-request {
    background: rgb(11 13 18 / 0.85);
  }
`;
