import { DEFAULT_SETTINGS, Settings } from '../../shared/domain';
import type { RepoContext } from './context';

export function readSettings(ctx: RepoContext): Settings {
  const rows = ctx.stmt(`SELECT key, value FROM settings`).all() as { key: string; value: string }[];
  const settings: Settings = { ...DEFAULT_SETTINGS };
  for (const row of rows) {
    if (!(row.key in DEFAULT_SETTINGS)) continue;
    try {
      const value: unknown = JSON.parse(row.value);
      // A value an older or newer app stored that this one cannot use falls back to its default.
      const parsed = Settings.shape[row.key as keyof Settings].safeParse(value);
      if (parsed.success) (settings as Record<string, string>)[row.key] = parsed.data;
    } catch {
      // A damaged value falls back to its default rather than blocking the app.
    }
  }
  return settings;
}

export function writeSettings(ctx: RepoContext, patch: Partial<Settings>): Settings {
  return ctx.tx(() => {
    const upsert = ctx.stmt(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) upsert.run(key, JSON.stringify(value));
    }
    return readSettings(ctx);
  });
}
