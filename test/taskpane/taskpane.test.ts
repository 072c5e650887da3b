/**
 * The placeholder pane starts without Office (a plain browser, or office.js unreachable) and
 * inside Excel, in the user's language.
 */
import { paneText, start } from "../../taskpane/taskpane";

type OfficeGlobal = { Office?: unknown };

afterEach(() => {
  delete (globalThis as OfficeGlobal).Office;
});

describe("task pane", () => {
  it("works with no Office host at all", async () => {
    expect(await start()).toBe("noHost");
  });

  it("says it is outside Excel when office.js loads in a plain browser", async () => {
    (globalThis as OfficeGlobal).Office = { HostType: { Excel: "Excel" }, onReady: async () => ({ host: null, platform: null }) };
    expect(await start()).toBe("noHost");
  });

  it("checks the shared runtime inside Excel", async () => {
    let supported = true;
    (globalThis as OfficeGlobal).Office = {
      HostType: { Excel: "Excel" },
      onReady: async () => ({ host: "Excel", platform: "OfficeOnline" }),
      context: { displayLanguage: "es-MX", requirements: { isSetSupported: (name: string, v: string) => name === "SharedRuntime" && v === "1.1" && supported } },
    };
    expect(await start()).toBe("excel");
    supported = false;
    expect(await start()).toBe("excelNoSharedRuntime");
  });

  it("speaks Spanish and English", () => {
    expect(paneText("excel", "es")).toMatch(/^Listo\. Escriba =CARTERA\./);
    expect(paneText("excel", "en")).toMatch(/^Ready\. Type =CARTERA\./);
    expect(paneText("noHost", "es")).toBe("Abra este panel desde Excel: Inicio > Cartera.");
  });
});
