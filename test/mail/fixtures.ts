import { write } from "../helpers/files";

/**
 * A ledger and customer master shaped like what the analysts export: FBL5N headings in
 * Spanish, day-first dates, SAP's trailing minus on credits, customer codes with SAP's zeros
 * in the ledger and without in the master for some.
 */
export interface FixtureCustomer {
  code: string;
  name: string;
  emails: string;
  cc?: string;
  language?: string;
  reference?: string;
}

export function customerCode(i: number): string {
  return `000100${String(1000 + i).padStart(4, "0")}`;
}

export function writeFixtures(dir: string, n: number, tweak?: (c: FixtureCustomer, i: number) => FixtureCustomer): { ledger: string; customers: string; list: FixtureCustomer[] } {
  const ledger = ["Cuenta\tNombre\tNº documento\tClase de documento\tReferencia\tFecha de documento\tVencimiento neto\tImporte en moneda doc.\tMoneda del documento"];
  const master = ["Cliente,Nombre,RFC,Correo,Correo copia,Idioma,Referencia de pago"];
  const list: FixtureCustomer[] = [];
  for (let i = 0; i < n; i++) {
    const code = customerCode(i);
    let c: FixtureCustomer = { code, name: `Materiales ${i} S.A. de C.V.`, emails: `cobranza${i}@cliente${i}.com.mx`, cc: i % 3 === 0 ? `tesoreria@cliente${i}.com.mx` : "", language: i % 5 === 4 ? "Inglés" : "", reference: i % 2 ? `REF${i}` : "" };
    if (tweak) c = tweak(c, i);
    list.push(c);
    const q = (s: string) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    master.push([c.code.replace(/^0+/, i % 2 ? "" : "0"), q(c.name), "", q(c.emails), q(c.cc ?? ""), c.language ?? "", c.reference ?? ""].join(","));
    ledger.push(`${code}\t${c.name}\t18${String(i).padStart(6, "0")}01\tRV\tF-${i}-1\t01.08.2026\t31.08.2026\t10,000.00\tMXN`);
    ledger.push(`${code}\t${c.name}\t18${String(i).padStart(6, "0")}02\tRV\tF-${i}-2\t15.10.2026\t14.11.2026\t2,500.50\tMXN`);
    if (i % 4 === 0) ledger.push(`${code}\t${c.name}\t16${String(i).padStart(6, "0")}03\tDG\tNC-${i}\t20.10.2026\t20.10.2026\t500.25-\tMXN`);
    if (i % 7 === 0) ledger.push(`${code}\t${c.name}\t18${String(i).padStart(6, "0")}04\tRV\tF-${i}-4\t01.06.2026\t16.07.2026\t1,000.00\tUSD`);
  }
  return { ledger: write(dir, "fbl5n.txt", ledger.join("\r\n") + "\r\n"), customers: write(dir, "clientes.csv", master.join("\r\n") + "\r\n"), list };
}
