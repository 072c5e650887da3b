import type { CivilDay } from "../src/core/dates";
import type { FileWorkbook } from "../src/workbook/fileWorkbook";
import type { WorkbookPort } from "../src/workbook/port";
import type { PaneKey, Translator } from "./i18n";
import type { SettingsStore } from "./settingsStore";

/**
 * The panel registry: each panel (Aging, Reconciliation, Credit review…) registers an id, the
 * catalogue key of its tab label and a factory; taskpane.ts builds one tab per registered
 * panel, in registration order. A panel is its own options plus shared widgets
 * (taskpane/widgets/) plus one job call.
 */
export interface PanelContext {
  port: WorkbookPort;
  t: Translator;
  /** Today as a civil date (a default key date). */
  today: CivilDay;
  /** The standalone adapter, to hand it the bytes of a file the user opens. */
  files?: FileWorkbook;
  settings: SettingsStore;
}

export interface Panel {
  readonly element: HTMLElement;
  /** Called once settings are loaded: read options, list sources. */
  init?(): Promise<void>;
}

export interface PanelDefinition {
  /** Tab and panel ids (`tab-aging`, `panel-aging`); also the prefix of its settings. */
  id: string;
  labelKey: PaneKey;
  create(ctx: PanelContext): Panel;
}

export class PanelRegistry {
  private readonly defs: PanelDefinition[] = [];

  register(def: PanelDefinition): this {
    if (this.defs.some((d) => d.id === def.id)) throw new Error(`panel "${def.id}" is registered twice`);
    this.defs.push(def);
    return this;
  }

  list(): readonly PanelDefinition[] {
    return this.defs;
  }
}
