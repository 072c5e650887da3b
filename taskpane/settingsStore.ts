import type { SavedMapping } from "../src/workbook/mapping";
import type { SettingsRecord, WorkbookPort } from "../src/workbook/port";
import { optionsFrom, savedMappingFrom } from "../src/workbook/settings";

/**
 * The pane's settings, loaded once from the port (the `Cartera` sheet, or localStorage) and
 * shared by every panel and widget: options under `<panel>.<option>`, mapping corrections under
 * `mapping.<kind>.<field>` (src/workbook/settings.ts).
 */
export class SettingsStore {
  private record: SettingsRecord = {};

  constructor(private readonly port: WorkbookPort) {}

  async load(): Promise<void> {
    try {
      this.record = await this.port.loadSettings();
    } catch {
      // Unreadable settings: start from defaults, the pane still works.
      this.record = {};
    }
  }

  /** A stored value (`aging.source`), or undefined. */
  get(key: string): string | undefined {
    return this.record[key] || undefined;
  }

  options(panel: string): Record<string, string> {
    return optionsFrom(this.record, panel);
  }

  mapping(kind: string): SavedMapping {
    return savedMappingFrom(this.record, kind);
  }

  /** Merges `values` ("" forgets a key) here and in the workbook. */
  async save(values: SettingsRecord): Promise<void> {
    for (const [k, v] of Object.entries(values)) {
      if (v === "") delete this.record[k];
      else this.record[k] = v;
    }
    try {
      await this.port.saveSettings(values);
    } catch {
      // Settings are a convenience: a protected workbook must not turn a good run into an error.
    }
  }
}
