/**
 * A page init script that makes TURN the page's only ICE path (`iceTransportPolicy: 'relay'`
 * with the given server, whatever the page configured), as on a network where only a TURN relay
 * gets through, and keeps every peer connection in `window.__peerConnections` for `getStats()`.
 * A string, so the page runs it before its own code (Playwright `addInitScript`).
 */
export function turnOnlyScript(iceServer: RTCIceServer): string {
  return `(() => {
  const Native = window.RTCPeerConnection;
  if (!Native) return;
  const server = ${JSON.stringify(iceServer)};
  const all = (window.__peerConnections = []);
  class TurnOnly extends Native {
    constructor(config) {
      super({ ...(config || {}), iceServers: [server], iceTransportPolicy: 'relay' });
      all.push(this);
    }
  }
  window.RTCPeerConnection = TurnOnly;
})();`;
}
