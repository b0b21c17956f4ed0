/**
 * The cameras and microphones of one call, for a device picker: the lists (kept fresh when a
 * device is plugged in or out, and once a permission grant reveals the labels) and the ids in use.
 */
import type { LocalMedia, MediaDeviceLists } from './local-media.js';

/**
 * What a device picker shows. `refresh()` after a track changes; `watch()` once devices are open.
 *
 * @example
 * ```ts
 * const devices = new CallDevices(local, navigator.mediaDevices, lifetime.signal, render);
 * devices.watch();
 * ```
 */
export class CallDevices {
  /** Available devices of each kind. */
  lists: MediaDeviceLists = { cameras: [], microphones: [] };
  /** Id of the camera in use ('' when none). */
  cameraId = '';
  /** Id of the microphone in use ('' when none). */
  microphoneId = '';

  constructor(
    private readonly local: LocalMedia,
    private readonly mediaDevices: MediaDevices | undefined,
    /** Aborting it stops watching (the call ended). */
    private readonly lifetime: AbortSignal,
    private readonly onChange: (lists: MediaDeviceLists) => void,
  ) {}

  /** Refreshes the lists whenever the system's devices change. */
  watch(): void {
    this.mediaDevices?.addEventListener?.('devicechange', () => this.refresh(), { signal: this.lifetime });
  }

  /** Reads the ids in use now and lists the devices again. */
  refresh(): void {
    this.cameraId = this.local.camera?.getSettings().deviceId ?? '';
    this.microphoneId = this.local.audio?.getSettings().deviceId ?? '';
    void this.local.devices().then((lists) => {
      if (this.lifetime.aborted) return;
      this.lists = lists;
      this.onChange(lists);
    });
  }
}
