/**
 * Settings as flat text, the same for every panel and kind of table: mapping corrections under
 * `mapping.<kind>.<field>` (the old `ledger.mapping.<field>` still read, and moved on save),
 * panel options under `<panel>.<option>`, owned result sheets under `owned.<family>.<id>`.
 */
import { allOwnedWorksheetIds, mappingKey, optionsFrom, optionsRecord, ownedKey, ownedSheets, savedMappingFrom, savedMappingRecord } from "../../src/workbook/settings";

/** What the store does with a record to save: "" removes a key. */
function merge(store: Record<string, string>, values: Record<string, string>): Record<string, string> {
  const out = { ...store };
  for (const [k, v] of Object.entries(values)) {
    if (v === "") delete out[k];
    else out[k] = v;
  }
  return out;
}

describe("mapping corrections per kind", () => {
  it("round-trips corrections as readable text, one prefix per kind", () => {
    const record = savedMappingRecord("customers", ["code", "plaza", "termDays"], { plaza: "Observaciones", termDays: "" });
    expect(record).toEqual({
      "mapping.customers.code": "", // back on its detected column: forgotten
      "mapping.customers.plaza": "Observaciones",
      "mapping.customers.termDays": "-", // "no column" is not "forget"
      "customers.mapping.code": "",
      "customers.mapping.plaza": "",
      "customers.mapping.termDays": "",
    });
    const store = merge({ "mapping.ledger.text": "Notas" }, record);
    expect(savedMappingFrom(store, "customers")).toEqual({ plaza: "Observaciones", termDays: "" });
    // Another kind's corrections are its own.
    expect(savedMappingFrom(store, "ledger")).toEqual({ text: "Notas" });
    expect(mappingKey("ledger", "text")).toBe("mapping.ledger.text");
  });

  it("reads the old ledger.mapping.<field> keys and moves them on the next save", () => {
    const old = { "ledger.mapping.clearingDate": "-", "ledger.mapping.text": "Notas", "aging.basis": "due" };
    const mapping = savedMappingFrom(old, "ledger");
    expect(mapping).toEqual({ clearingDate: "", text: "Notas" });
    const store = merge(old, savedMappingRecord("ledger", ["clearingDate", "text", "customer"], mapping));
    expect(store).toEqual({ "mapping.ledger.clearingDate": "-", "mapping.ledger.text": "Notas", "aging.basis": "due" });
    // Where both exist (an older pane wrote after a newer one), the new key wins.
    expect(savedMappingFrom({ "ledger.mapping.text": "Texto", "mapping.ledger.text": "Notas" }, "ledger")).toEqual({ text: "Notas" });
  });
});

describe("panel options", () => {
  it("reads and writes <panel>.<option> for any panel, without the other keys", () => {
    const record = { "aging.asOf": "2026-10-31", "aging.source": "table:Partidas", "aging.customers": "", "credit.policy": "strict", "owned.aging.rejected": "{1}", "ledger.mapping.text": "Notas" };
    expect(optionsFrom(record, "aging")).toEqual({ asOf: "2026-10-31", source: "table:Partidas" });
    expect(optionsFrom(record, "credit")).toEqual({ policy: "strict" });
    expect(optionsFrom(record, "ledger")).toEqual({}); // old mapping keys are not options
    expect(optionsRecord("aging", { customers: undefined, basis: "document" })).toEqual({ "aging.customers": "", "aging.basis": "document" });
  });

  it("remembers the customer master with the other options, and forgets it once removed", () => {
    const store = merge({}, optionsRecord("aging", { source: "table:Partidas", customers: "sheet:Clientes" }));
    expect(optionsFrom(store, "aging").customers).toBe("sheet:Clientes");
    expect(optionsFrom(merge(store, optionsRecord("aging", { customers: undefined })), "aging")).toEqual({ source: "table:Partidas" });
  });
});

describe("owned result sheets", () => {
  it("tracks owned result sheets per family", () => {
    const r = { "owned.aging.aging-summary": "{1}", "owned.aging.rejected": "{2}", "owned.reconciliation.rejected": "{3}", "aging.basis": "due" };
    expect(ownedSheets(r, "aging").map((o) => o.sheetId)).toEqual(["aging-summary", "rejected"]);
    expect([...allOwnedWorksheetIds(r)]).toEqual(["{1}", "{2}", "{3}"]);
    expect(ownedKey("aging", "rejected")).toBe("owned.aging.rejected");
  });
});
