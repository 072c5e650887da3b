/** The Aging panel's options as stored text (through the generic `<panel>.<option>` settings). */
import { dayFromCivil } from "../../src/core/dates";
import { optionsFrom, optionsRecord } from "../../src/workbook/settings";
import { agingOptionsFrom, agingOptionsText, parseEdgesText } from "../../taskpane/panels/agingOptions";

describe("aging options", () => {
  it("round-trips key date, buckets and basis as readable text", () => {
    const record = optionsRecord("aging", agingOptionsText({ asOf: dayFromCivil(2026, 10, 31), edges: [15, 30, 60], basis: "document" }));
    expect(record).toEqual({ "aging.asOf": "2026-10-31", "aging.buckets": "15,30,60", "aging.basis": "document" });
    expect(agingOptionsFrom(optionsFrom(record, "aging"))).toEqual({ asOf: dayFromCivil(2026, 10, 31), edges: [15, 30, 60], basis: "document" });
    // No key date yet: the key is forgotten, and the pane proposes today.
    expect(optionsRecord("aging", agingOptionsText({ edges: [30], basis: "due" }))["aging.asOf"]).toBe("");
  });

  it("falls back to defaults on anything malformed", () => {
    expect(agingOptionsFrom({ asOf: "31/10/2026", buckets: "60,30", basis: "x" })).toEqual({ asOf: undefined, edges: [30, 60, 90, 120], basis: "due" });
    expect(agingOptionsFrom({ asOf: "2026-02-30" }).asOf).toBeUndefined();
    expect(parseEdgesText("15, 30;60 90")).toEqual([15, 30, 60, 90]);
    expect(parseEdgesText("0,30")).toBeNull();
    expect(parseEdgesText("30,-60")).toBeNull();
    expect(parseEdgesText("")).toBeNull();
  });
});
