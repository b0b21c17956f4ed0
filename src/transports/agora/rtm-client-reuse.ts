/**
 * One RTM client instance per App ID and user for the page's lifetime. `agora-rtm-sdk` 2.3.0
 * remembers every `appId-userId` it has constructed and throws `RTM_ERROR_DUPLICATE_USER_ID`
 * (-10027) for a second instance, even after the first logged out; so a reconnect, which builds
 * a new session, must log in again on the instance it already has (which RTM allows after
 * `logout()`, as seen in Chromium). An instance still signed in is never handed out twice: the
 * SDK's own -10027 then says that two clients of one page use the same user.
 */
import type { RtmClientApi, RtmSdkModule } from './rtm-sdk.js';

interface PooledClient {
  client: RtmClientApi;
  /** From construction (or reuse) until `logout()`. */
  busy: boolean;
}

const pools = new WeakMap<RtmSdkModule, Map<string, PooledClient>>();

/** `client` with `logout()` marking the pooled entry free again. */
function tracked(entry: PooledClient): RtmClientApi {
  const client = entry.client;
  return new Proxy(client, {
    get(target, property) {
      if (property === 'logout') {
        return () => {
          entry.busy = false;
          return target.logout();
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * `sdk` whose `RTM` constructor returns the idle instance of the same App ID and user when there
 * is one. Modules are pooled separately (a test's fake module per network has its own pool).
 */
export function reuseRtmClients(sdk: RtmSdkModule): RtmSdkModule {
  let pool = pools.get(sdk);
  if (!pool) pools.set(sdk, (pool = new Map()));
  const clients = pool;
  function RTM(...args: ConstructorParameters<RtmSdkModule['RTM']>): RtmClientApi {
    const [appId, userId] = args;
    const key = `${appId}\u0000${userId}`;
    const idle = clients.get(key);
    if (idle && !idle.busy) {
      idle.busy = true;
      return tracked(idle);
    }
    const entry: PooledClient = { client: new sdk.RTM(...args), busy: true };
    clients.set(key, entry);
    return tracked(entry);
  }
  return { RTM: RTM as unknown as RtmSdkModule['RTM'] };
}
