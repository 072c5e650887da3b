import { describe as describeProblem } from "../../../../src/core/messages";
import { parseIsoDate } from "../../../../src/core/dates";
import { BANK_STATEMENT_KIND, BANK_STATEMENT_SPEC } from "../../../../src/core/tables/bankStatement";
import { CUSTOMER_KIND, CUSTOMER_SPEC } from "../../../../src/core/tables/customers";
import { InputError } from "../../../../src/core/errors";
import { fileSource } from "../../../../src/io/fileSource";
import { readAll } from "../../../../src/jobs/read";
import { cp1252, tempDir, write } from "../../../helpers/files";

const dir = tempDir("cartera-bank-");
const read = (name: string, content: string | Buffer) => readAll(fileSource(write(dir, name, content), BANK_STATEMENT_SPEC), BANK_STATEMENT_KIND, { lang: "es" });

describe("the bank statement kind", () => {
  test("BBVA México's web CSV: charges negative, amounts quoted, balance lines kept in place", async () => {
    const csv = [
      "\ufeffFECHA,DESCRIPCIÓN,CARGO,ABONO,SALDO",
      '01/10/2026,SALDO ANTERIOR,,,"2,500,000.00"',
      '01/10/2026,"SPEI RECIBIDOBANORTE    / 0141401703 072 9990008PAGO FACT A-23456",,"11,600.00","2,511,600.00"',
      '01/10/2026,COMISION TRANSFERENCIA SPEI,-6.00,,"2,511,594.00"',
      '02/10/2026,PAGO CUENTA DE TERCERO    /  0041782016     BNET    0113831760 LOGOS ES           ,,"1,800.00","2,513,394.00"',
      '02/10/2026,REVERSO SPEI,,-500.00,"2,512,894.00"',
    ].join("\r\n");
    const { records, read: r } = await read("bbva.csv", csv);
    expect(r.headerRow).toBe(1);
    expect(records.map((l) => [l.row, l.kind, l.deposit, l.charge, l.reversal])).toEqual([
      [2, "zero", 0, 0, false],
      [3, "deposit", 1_160_000, 0, false],
      [4, "charge", 0, 600, false],
      [5, "deposit", 180_000, 0, false],
      [6, "charge", 0, 50_000, true],
    ]);
    expect(records[1]).toMatchObject({ date: parseIsoDate("2026-10-01"), description: "SPEI RECIBIDOBANORTE    / 0141401703 072 9990008PAGO FACT A-23456", balance: 251_160_000 });
  });

  test("a generic statement: signed amount or an unsigned one with a charge/credit column, title lines above, Windows-1252", async () => {
    const signed = await read("banorte.txt", cp1252(["Banco Mercantil del Norte", "Cuenta 0123456789", "", "Fecha de operación\tConcepto\tReferencia\tImporte\tSaldo", "05/10/2026\tDEPÓSITO SPEI\t0000123\t15,000.00\t1,015,000.00", "05/10/2026\tCOMISIÓN\t\t-12.50\t1,014,987.50"].join("\r\n")));
    expect(signed.records.map((l) => [l.kind, l.deposit, l.charge, l.reference, l.description])).toEqual([
      ["deposit", 1_500_000, 0, "0000123", "DEPÓSITO SPEI"],
      ["charge", 0, 1_250, "", "COMISIÓN"],
    ]);
    expect(signed.read.headerRow).toBe(4);
    const unsigned = await read("santander.csv", "Date,Description,Debit/Credit,Amount,Payer Name\n2026-10-05,TRANSFER IN,Abono,\"2,000.00\",Constructora Peña\n2026-10-05,FEE,Cargo,15.00,\n");
    expect(unsigned.records.map((l) => [l.kind, l.deposit, l.charge, l.payer])).toEqual([
      ["deposit", 200_000, 0, "Constructora Peña"],
      ["charge", 0, 1_500, ""],
    ]);
  });

  test("a line with both a deposit and a charge, or an amount without a date, is rejected with its row and column", async () => {
    const { records, read: r } = await read("bad.csv", "FECHA,DESCRIPCIÓN,CARGO,ABONO,SALDO\n01/10/2026,RARO,-10.00,20.00,0\n,SIN FECHA,,30.00,0\n31/09/2026,FECHA MALA,,30.00,0\n01/10/2026,BIEN,,40.00,0\n");
    expect(records.map((l) => l.description)).toEqual(["BIEN"]);
    expect(r.rejected.map((x) => [x.row, x.column, describeProblem(x.problem, "es")])).toEqual([
      [2, "CARGO", "la línea trae a la vez un abono y un cargo: no se puede saber cuál es"],
      [3, "FECHA", "falta el valor"],
      [4, "FECHA", expect.stringContaining("31/09/2026")],
    ]);
  });

  test("a statement in an unknown layout names the columns it needs", async () => {
    const err = await read("otro.csv", "Producto,Precio,Existencia\nCemento,250,10\n").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).describe("es")).toBe('No se encontró la fila de encabezados en las primeras 30 filas. Encabezados encontrados: "Producto", "Precio", "Existencia". Se necesitan: Fecha; Descripción o Referencia o Referencia ampliada; Abono o Cargo o Importe.');
    expect((err as InputError).describe("en")).toContain("Needed: Date; Description or Reference or Additional details; Deposit or Charge or Amount.");
  });
});

describe("the customer master's payment identifiers", () => {
  test("bank references, accounts (a CLABE keeps its spaced groups together) and alternate names (commas stay inside a name)", async () => {
    const csv = '\ufeffCliente,Nombre,RFC,Referencia bancaria,CLABE,Nombres alternos\n1000123,"Constructora Peña, S.A. de C.V.",CPE010101AB1,9990008; 9990009,"012 180 00118359719 1; 0113831760","CONST PEÑA; Peña Obras, S.A."\n1000124,Ferretería López,,,,\n';
    const { records } = await readAll(fileSource(write(dir, "clientes.csv", csv), CUSTOMER_SPEC), CUSTOMER_KIND, { lang: "es" });
    expect(records.map((c) => [c.code, c.bankReferences, c.accounts, c.altNames])).toEqual([
      ["1000123", ["9990008", "9990009"], ["012180001183597191", "0113831760"], ["CONST PEÑA", "Peña Obras, S.A."]],
      ["1000124", [], [], []],
    ]);
  });
});
