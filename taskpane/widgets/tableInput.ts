import type { TableSpec } from "../../src/core/tables/columns";
import type { TableSource } from "../../src/jobs/source";
import { portSource } from "../../src/workbook/portSource";
import type { SettingsRecord } from "../../src/workbook/port";
import type { PaneKey } from "../i18n";
import type { PanelContext } from "../panels";
import { MappingEditor } from "./mappingEditor";
import { SourcePicker, type PickedTable } from "./sourcePicker";

export interface TableInputOptions {
  ctx: PanelContext;
  spec: TableSpec;
  /** Panel and part (`credit`, `orders`): element ids, test ids, the setting and the file's slot. */
  panel: string;
  part: string;
  /** Catalogue keys of the card's heading, its intro and the browser's open button's hint. */
  heading: PaneKey;
  intro?: PaneKey;
  openHelp: PaneKey;
  optional?: boolean;
  /** The first input of a panel is its main file in a browser; the others get slots of their own. */
  main?: boolean;
  onChange: () => void;
}

/**
 * One table a job reads, as a panel shows it: a source picker for the table's kind and, under
 * it, the mapping editor for its columns (folded until something needs fixing).
 */
export class TableInput {
  readonly element: HTMLElement[];
  readonly picker: SourcePicker;
  readonly columns: MappingEditor;

  constructor(o: TableInputOptions) {
    const { t } = o.ctx;
    const id = `${o.panel}-${o.part}`;
    this.columns = new MappingEditor({ t, spec: o.spec, testPrefix: `${id}-`, heading: t("pane.mapping.heading"), collapsed: true, onChange: o.onChange });
    this.picker = new SourcePicker({
      ctx: o.ctx,
      spec: o.spec,
      id,
      testId: id,
      optional: o.optional,
      slot: o.main ? undefined : o.part,
      settingKey: `${o.panel}.${o.part}`,
      heading: t(o.heading),
      intro: o.intro ? t(o.intro) : undefined,
      selectLabel: t("pane.source.label"),
      openLabel: t("pane.table.open"),
      openHelp: t(o.openHelp),
      onChange: (picked) => {
        this.columns.show(picked);
        o.onChange();
      },
    });
    this.element = [this.picker.element, this.columns.element];
  }

  init(): Promise<void> {
    return this.picker.init();
  }

  get value(): PickedTable | null {
    return this.picker.value;
  }

  /** Ready to run: picked (or optional and absent) and every needed meaning has a column. */
  get ready(): boolean {
    return this.picker.ready && this.columns.problem === null;
  }

  /** The job's source, with the mapping the user checked; undefined when nothing is picked. */
  source(ctx: PanelContext): TableSource | undefined {
    return this.value ? portSource(ctx.port, this.value) : undefined;
  }

  settingsRecord(): SettingsRecord {
    return { ...this.picker.settingsRecord(), ...this.columns.settingsRecord() };
  }
}
