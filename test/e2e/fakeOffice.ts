/**
 * Stands in for office.js in the end-to-end test of the pane's Excel mode: `Office` says the
 * host is Excel, and `Excel.run` runs against test/helpers/fakeExcel.ts (office-addin-mock
 * objects over an in-memory workbook), bundled for the browser by test/e2e/run.js. The test
 * seeds the workbook and reads back what the pane wrote through `window.__fakeExcel`.
 */
import { colLetter, FakeExcel } from "../helpers/fakeExcel";

const fake = new FakeExcel({ selection: { sheet: "Partidas", address: "C10" } });
const w = window as unknown as Record<string, unknown>;
w.__fakeExcel = fake;
w.__seedLedger = (rows: unknown[][]) => {
  const sheet = fake.addSheet("Partidas");
  sheet.put("A1", rows);
  fake.addTable("Partidas", sheet, `A1:${colLetter(rows[0].length - 1)}${rows.length}`);
  fake.addSheet("Notas").put("A1", [["Llamar a Constructora Ríos"]]);
};
w.Office = {
  HostType: { Excel: "Excel" },
  onReady: async () => ({ host: "Excel", platform: "OfficeOnline" }),
  context: { displayLanguage: "es-MX", requirements: { isSetSupported: () => true } },
};
w.Excel = { run: fake.run };
// The functions bundle registers CARTERA.* through this; nothing to register in the test.
w.CustomFunctions = { associate: () => undefined };
/** Another sheet with a block of data from A1 (a customer master). */
w.__seedSheet = (name: string, rows: unknown[][]) => {
  fake.addSheet(name).put("A1", rows);
};
