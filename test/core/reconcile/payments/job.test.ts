import { parseIsoDate } from "../../../../src/core/dates";
import type { Row } from "../../../../src/core/grid";
import { paymentsJson, runPaymentsJob } from "../../../../src/jobs/reconcilePayments";
import { CancelledError, type TableSource } from "../../../../src/jobs/source";

/** A source as the pane hands one over: rows with the row numbers Excel shows (a sheet may skip some). */
function gridSource(rows: Row[], rowNumbers?: number[], label = "Hoja1!A1:E20"): TableSource {
  const firstRow = rowNumbers ? rowNumbers[0] : 1;
  return {
    preview: async () => ({ rows: rows.slice(0, 30), firstRow, rowNumbers: rowNumbers?.slice(0, 30), dateSystem: 1900, totalRows: rows.length, label }),
    read: async ({ onChunk, onProgress, signal }) => {
      for (let i = 0; i < rows.length; i += 2) {
        if (signal?.aborted) throw new CancelledError();
        await onChunk({ rows: rows.slice(i, i + 2), firstRow: rowNumbers ? rowNumbers[i] : firstRow + i, rowNumbers: rowNumbers?.slice(i, i + 2) });
        onProgress?.({ done: Math.min(rows.length, i + 2), total: rows.length });
      }
    },
  };
}

// Excel serials, as range.values gives dates: 46296 = 2026-10-01.
const bankRows: Row[] = [
  ["Estado de cuenta BBVA", "", "", "", ""],
  ["FECHA", "DESCRIPCIÓN", "CARGO", "ABONO", "SALDO"],
  [46296, "SPEI RECIBIDOBANORTE / 0141401703 072 0000001PAGO FACT A-23456", "", 11600, 111600],
  [46297, "DEPOSITO EFECTIVO PRACTIC", "", 1999.99, 113599.99],
];
const ledgerRows: Row[] = [
  ["Cuenta", "Nº documento", "Referencia", "Fecha de documento", "Importe"],
  ["0001000123", "9000012345", "A-23456", 46266, 11600],
  ["0001000123", "9000012346", "A-23457", 46270, 1999.99],
];

describe("the cash-application job, from any door", () => {
  test("table sources in, { result, report } out; bankLine counts the rows after the header, gaps included", async () => {
    // Rows 1, 2, 3 and 5 of the sheet: row 4 is empty and Excel does not hand it over.
    const phases: string[] = [];
    const job = await runPaymentsJob({ bank: gridSource(bankRows, [1, 2, 3, 5]), ledger: gridSource(ledgerRows), today: parseIsoDate("2026-11-01")!, lang: "es", onProgress: (_f, p) => phases.push(p) });
    expect(job.asOf).toBe(parseIsoDate("2026-10-02"));
    expect(job.result.matches.map((m) => [m.bankLine, m.rule, m.applied[0].item.documentNumber])).toEqual([
      [1, "reference", "9000012345"],
      [3, "uniqueAmount", "9000012346"],
    ]);
    expect(job.report.sheets[0].id).toBe("payments-summary");
    expect(job.report.summaries?.[0].figures.find((f) => f.key === "rate")?.value).toBe(1);
    expect([...new Set(phases)]).toEqual(["read", "match", "report"]);
    const json = paymentsJson(job, "en") as { stats: { autoMatchRate: number } };
    expect(json.stats.autoMatchRate).toBe(1);
  });

  test("cancel stops it", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(runPaymentsJob({ bank: gridSource(bankRows), ledger: gridSource(ledgerRows), today: 0, lang: "es", signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
  });
});
