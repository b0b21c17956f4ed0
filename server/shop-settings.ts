/**
 * A shop's relationship settings: its office hours and the page its emails link back to. Set
 * through the admin API (`relationship-routes.ts`), each write one statement (nothing half stored).
 */
import type Database from 'better-sqlite3';
import type { OfficeHours } from 'support-widget/protocol';

interface SettingsRow {
  shop: string;
  hours: string | null;
  page_url: string | null;
}

export class ShopSettings {
  private readonly stmt;

  constructor(db: Database.Database) {
    this.stmt = {
      get: db.prepare<[string], SettingsRow>('SELECT shop, hours, page_url FROM shop_settings WHERE shop = ?'),
      withHours: db.prepare<[], SettingsRow>('SELECT shop, hours, page_url FROM shop_settings WHERE hours IS NOT NULL'),
      putHours: db.prepare<[string, string | null, number]>(
        'INSERT INTO shop_settings (shop, hours, updated_at) VALUES (?, ?, ?) ON CONFLICT (shop) DO UPDATE SET hours = excluded.hours, updated_at = excluded.updated_at',
      ),
      putPage: db.prepare<[string, string | null, number]>(
        'INSERT INTO shop_settings (shop, page_url, updated_at) VALUES (?, ?, ?) ON CONFLICT (shop) DO UPDATE SET page_url = excluded.page_url, updated_at = excluded.updated_at',
      ),
    };
  }

  hours(shop: string): OfficeHours | undefined {
    const row = this.stmt.get.get(shop);
    return row?.hours == null ? undefined : (JSON.parse(row.hours) as OfficeHours);
  }

  /** Every shop that has office hours, with them. */
  allHours(): Array<{ shop: string; hours: OfficeHours }> {
    return this.stmt.withHours.all().map((row) => ({ shop: row.shop, hours: JSON.parse(row.hours ?? 'null') as OfficeHours }));
  }

  /** Sets (or with `null` removes) the shop's hours, already validated (`parseOfficeHours`). */
  setHours(shop: string, hours: OfficeHours | null, now: number): void {
    this.stmt.putHours.run(shop, hours === null ? null : JSON.stringify(hours), now);
  }

  /** The page the shop's emails link back to (absent: the relay's public URL). */
  pageUrl(shop: string): string | undefined {
    return this.stmt.get.get(shop)?.page_url ?? undefined;
  }

  setPageUrl(shop: string, url: string | null, now: number): void {
    this.stmt.putPage.run(shop, url, now);
  }
}
