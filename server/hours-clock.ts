/**
 * Tells each shop's connections when the shop opens or closes: keeps every shop's `HoursStatus`
 * with the instant it stops being true, and a `DueTimer` set for the earliest of these sends the
 * shop's members (customers and staff) an `hours` frame with the new status.
 */
import type { HoursStatus, OfficeHours } from 'support-widget/protocol';
import { DueTimer } from './due-timer.js';
import type { Hub } from './hub.js';
import type { RelayLog } from './log.js';
import { hoursStatus, nextChange } from './office-hours.js';
import { serializeFrame } from './connection.js';
import type { ShopSettings } from './shop-settings.js';

interface Known {
  hours: OfficeHours;
  status: HoursStatus;
  until: number | undefined;
}

export interface HoursClockDeps {
  settings: ShopSettings;
  hub: Hub;
  now: () => number;
  log: RelayLog;
  maxSleepMs?: number;
}

export class HoursClock {
  private readonly known = new Map<string, Known>();
  private readonly timer: DueTimer;

  constructor(private readonly deps: HoursClockDeps) {
    const now = deps.now();
    for (const { shop, hours } of deps.settings.allHours()) this.known.set(shop, this.compute(hours, now));
    this.timer = new DueTimer({
      next: () => this.next(),
      fire: (at) => this.fire(at),
      now: deps.now,
      log: deps.log,
      failureEvent: 'hours-clock-failed',
      ...(deps.maxSleepMs === undefined ? {} : { maxSleepMs: deps.maxSleepMs }),
    });
    this.timer.arm();
  }

  /** The shop's status now (undefined: it has no office hours). */
  status(shop: string): HoursStatus | undefined {
    const known = this.known.get(shop);
    if (known === undefined) return undefined;
    if (known.until !== undefined && known.until <= this.deps.now()) this.fire(this.deps.now());
    return this.known.get(shop)?.status;
  }

  /** The shop's hours were set or removed (already stored): everyone connected is told. */
  changed(shop: string, hours: OfficeHours | null): void {
    if (hours === null) this.known.delete(shop);
    else this.known.set(shop, this.compute(hours, this.deps.now()));
    this.broadcast(shop, this.known.get(shop)?.status ?? null);
    this.timer.arm();
  }

  stop(): void {
    this.timer.stop();
  }

  private compute(hours: OfficeHours, now: number): Known {
    const status = hoursStatus(hours, now);
    return { hours, status, until: nextChange(status) };
  }

  private next(): number | undefined {
    let next: number | undefined;
    for (const { until } of this.known.values()) if (until !== undefined && (next === undefined || until < next)) next = until;
    return next;
  }

  private fire(now: number): number {
    let changed = 0;
    for (const [shop, known] of this.known) {
      if (known.until === undefined || known.until > now) continue;
      const fresh = this.compute(known.hours, now);
      this.known.set(shop, fresh);
      this.broadcast(shop, fresh.status);
      changed += 1;
    }
    return changed;
  }

  private broadcast(shop: string, hours: HoursStatus | null): void {
    const frame = serializeFrame({ type: 'hours', hours });
    for (const member of this.deps.hub.membersOfShop(shop)) member.sendSerialized(frame);
  }
}
