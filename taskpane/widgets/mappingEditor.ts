import { fieldLabel, neededDescription, type TableSpec } from "../../src/core/tables/columns";
import { columnLetter, mappingProblem, mappingToSave } from "../../src/workbook/mapping";
import type { SettingsRecord } from "../../src/workbook/port";
import { savedMappingRecord } from "../../src/workbook/settings";
import { clear, h, uid } from "../dom";
import type { Translator } from "../i18n";
import type { PickedTable } from "./sourcePicker";

export interface MappingEditorOptions {
  t: Translator;
  spec: TableSpec;
  /** Prefix of the test ids: "" → `mapping`, `map-<field>`; "customers-" → `customers-mapping`, `customers-map-<field>`. */
  testPrefix: string;
  heading: string;
  /** Folds the table under a line naming the columns recognised (an optional source's). */
  collapsed?: boolean;
  onChange: () => void;
}

/**
 * Which column of the source means which field, for any kind of table: one row per field of
 * the spec with a list of the source's columns and "(ninguna)". Fields that must have a column
 * are marked, the hint names the groups where one of several will do, rows the user changed
 * are marked, and the status says where the header is and whether remembered corrections were
 * applied. The user's choices go straight into the picked table's mapping, which the job reads.
 */
export class MappingEditor {
  readonly element: HTMLElement;
  private picked: PickedTable | null = null;
  private readonly body: HTMLElement;
  private readonly status: HTMLElement;
  private readonly needed: HTMLElement;
  private readonly error: HTMLElement;
  private readonly details: HTMLDetailsElement | null;
  private readonly summary: HTMLElement;

  constructor(private readonly o: MappingEditorOptions) {
    const { t } = o;
    const p = o.testPrefix;
    const headingId = uid("mapping-heading");
    const neededId = uid("mapping-needed");
    this.body = h("tbody");
    this.status = h("p", { className: "hint", "data-testid": `${p}mapping-status` });
    this.needed = h("p", { className: "hint", id: neededId });
    this.error = h("div", { className: "message warning", role: "alert", "data-testid": `${p}mapping-error`, hidden: true });
    this.summary = h("summary", { "data-testid": `${p}mapping-summary` });
    const table = h(
      "table",
      { className: "grid mapping", "data-testid": `${p}mapping-table`, "aria-describedby": neededId },
      h("caption", {}, t("pane.mapping.caption")),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("pane.mapping.field")), h("th", { scope: "col" }, t("pane.mapping.column")))),
      this.body,
    );
    this.details = o.collapsed ? h("details", { "data-testid": `${p}mapping-details` }, this.summary, this.needed, table) : null;
    this.element = h(
      "section",
      { className: "card", "aria-labelledby": headingId, hidden: true, "data-testid": `${p}mapping` },
      h("h2", { id: headingId }, o.heading),
      this.status,
      this.details ?? this.needed,
      this.details ? null : table,
      this.error,
    );
  }

  /** Shows the mapping of a picked table (hidden without one). */
  show(picked: PickedTable | null): void {
    this.picked = picked;
    clear(this.body);
    this.element.hidden = picked === null;
    if (!picked) return;
    const { t, spec } = this.o;
    const { table } = picked;
    // Only a field with no alternative is marked; the hint names the groups where one of several will do.
    const required = new Set(spec.required.filter((g) => g.length === 1).map((g) => g[0]));
    for (const field of spec.fields) {
      const label = fieldLabel(spec, field.key, t.lang);
      const id = uid("map");
      const select = h("select", { id, "aria-label": t("pane.mapping.selectLabel", { field: label }), "data-field": field.key, "data-testid": `${this.o.testPrefix}map-${field.key}` });
      select.append(h("option", { value: "" }, t("pane.mapping.none")));
      table.headers.forEach((header, i) => select.append(h("option", { value: String(i) }, `${columnLetter(i)} · ${header || "—"}`)));
      select.value = field.key in table.mapping ? String(table.mapping[field.key]) : "";
      const row = h(
        "tr",
        { "data-field": field.key },
        h("th", { scope: "row" }, h("label", { for: id }, label), required.has(field.key) ? h("span", { className: "required" }, ` (${t("pane.mapping.required")})`) : null),
        h("td", {}, select),
      );
      const mark = () => row.classList.toggle("changed", table.mapping[field.key] !== table.detected[field.key]);
      select.addEventListener("change", () => {
        if (select.value === "") delete table.mapping[field.key];
        else table.mapping[field.key] = Number(select.value);
        mark();
        this.check();
        this.o.onChange();
      });
      mark();
      this.body.append(row);
    }
    this.status.textContent = t("pane.mapping.headerAt", { row: table.headerRow, source: picked.preview.label }) + (table.restored ? ` ${t("pane.mapping.restored")}` : "");
    this.needed.textContent = t("pane.mapping.needed", { list: neededDescription(spec, t.lang).join("; ") });
    this.check();
    // A folded table that cannot be used opens by itself.
    if (this.details) this.details.open = this.problem !== null;
  }

  /** Why the mapping cannot be used yet, or null (also null with no table). */
  get problem(): string | null {
    return this.picked ? mappingProblem(this.o.spec, this.picked.table.mapping, this.o.t.lang) : null;
  }

  /** The corrections to remember for this kind; nothing is touched when no table is shown. */
  settingsRecord(): SettingsRecord {
    if (!this.picked) return {};
    return savedMappingRecord(
      this.o.spec.kind,
      this.o.spec.fields.map((f) => f.key),
      mappingToSave(this.o.spec, this.picked.table),
    );
  }

  private check(): void {
    const problem = this.problem;
    this.error.hidden = problem === null;
    this.error.textContent = problem ?? "";
    if (this.picked) {
      const fields = this.o.spec.fields.filter((f) => f.key in this.picked!.table.mapping).map((f) => fieldLabel(this.o.spec, f.key, this.o.t.lang));
      this.summary.textContent = this.o.t("pane.mapping.recognised", { fields: fields.join(", ") });
    }
  }
}
