import type { TableSpec } from "./columns";
import type { PolicyEntry } from "../credit/policy";
import type { RowFields, TableKind } from "./fields";

/**
 * The credit policy as a two-column table (key, value), in a CSV, a text file or a sheet of a
 * workbook, such as the Política sheet `cartera credit --out` writes: its other columns
 * (default, origin, description) are there to be read, not parsed.
 */
export const POLICY_SPEC: TableSpec = {
  kind: "creditPolicy",
  fields: [
    { key: "key", type: "text", label: { es: "Clave", en: "Key" }, synonyms: ["Parámetro", "Parametro", "Regla", "Parameter", "Setting", "Rule"] },
    { key: "value", type: "text", label: { es: "Valor", en: "Value" }, synonyms: ["Valor vigente", "Value in force"] },
  ],
  required: [["key"], ["value"]],
};

/**
 * A row with no key, a `#` comment, or a sentence with no value (the notes under the Política
 * sheet) is not a setting: skipped and counted. A key with no value is kept, and refused by
 * the policy. The value is kept as written.
 */
export const POLICY_KIND: TableKind<PolicyEntry> = {
  spec: POLICY_SPEC,
  build(f: RowFields): PolicyEntry | null {
    const key = f.text("key");
    if (key === "" || key.startsWith("#") || (/\s/.test(key) && !f.has("value"))) return null;
    return { key, value: f.raw("value"), row: f.rowNumber };
  },
};
