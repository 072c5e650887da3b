/**
 * Every message a user can read, in Spanish (es-MX, the default) and English. Core code
 * reports problems as a code plus parameters so each door can speak the user's language.
 */
export type Lang = "es" | "en";

export interface Problem {
  code: MessageCode;
  params?: Record<string, string | number>;
}

const es = {
  "date.invalid": "\"{value}\" no es una fecha válida ({detail} no existe)",
  "date.unrecognized": "\"{value}\" no es una fecha reconocida (use dd/mm/aaaa, dd.mm.aaaa o aaaa-mm-dd)",
  "date.serial": "{value} no es un número de serie de fecha de Excel válido",
  "date.expected": "se esperaba una fecha",
  "amount.unrecognized": "\"{value}\" no es un importe reconocido",
  "amount.expected": "se esperaba un importe",
  "amount.tooLarge": "\"{value}\" es un importe demasiado grande",
  "terms.unrecognized": "\"{value}\" no es una condición de pago reconocida (días o clave SAP como Z030)",
  "number.unrecognized": "\"{value}\" no es un número",
  "row.missing": "falta el valor",
  "currency.invalid": "\"{value}\" no es una clave de moneda (use MXN, USD, EUR…)",
  "header.notFound": "No se encontró la fila de encabezados en las primeras {rows} filas. Encabezados encontrados: {found}. Se necesitan: {needed}.",
  "file.empty": "El archivo está vacío: {file}",
  "file.notFound": "No se encontró el archivo: {file}",
  "file.unreadable": "No se pudo leer el archivo {file}: {detail}",
  "file.binary": "{file} no es un archivo de texto (CSV/TXT) ni un libro .xlsx; parece un archivo binario.",
  "file.encrypted": "{file} está protegido con contraseña o es un libro .xls antiguo: ábralo en Excel y guárdelo como .xlsx sin contraseña.",
  "file.corruptXlsx": "{file} no es un libro .xlsx válido (está dañado o incompleto): {detail}",
  "file.noSheets": "{file} no tiene hojas con datos.",
  "file.unsupported": "{file}: formato no soportado; use .xlsx, .csv o .txt.",
} as const;

export type MessageCode = keyof typeof es;

const en: Record<MessageCode, string> = {
  "date.invalid": "\"{value}\" is not a valid date ({detail} does not exist)",
  "date.unrecognized": "\"{value}\" is not a recognised date (use dd/mm/yyyy, dd.mm.yyyy or yyyy-mm-dd)",
  "date.serial": "{value} is not a valid Excel date serial",
  "date.expected": "a date was expected",
  "amount.unrecognized": "\"{value}\" is not a recognised amount",
  "amount.expected": "an amount was expected",
  "amount.tooLarge": "\"{value}\" is too large an amount",
  "terms.unrecognized": "\"{value}\" is not recognised payment terms (days or an SAP key such as Z030)",
  "number.unrecognized": "\"{value}\" is not a number",
  "row.missing": "the value is missing",
  "currency.invalid": "\"{value}\" is not a currency code (use MXN, USD, EUR…)",
  "header.notFound": "No header row was found in the first {rows} rows. Headers found: {found}. Needed: {needed}.",
  "file.empty": "The file is empty: {file}",
  "file.notFound": "File not found: {file}",
  "file.unreadable": "Could not read {file}: {detail}",
  "file.binary": "{file} is neither a text file (CSV/TXT) nor an .xlsx workbook; it looks binary.",
  "file.encrypted": "{file} is password-protected or an old .xls workbook: open it in Excel and save it as .xlsx without a password.",
  "file.corruptXlsx": "{file} is not a valid .xlsx workbook (damaged or incomplete): {detail}",
  "file.noSheets": "{file} has no sheets with data.",
  "file.unsupported": "{file}: unsupported format; use .xlsx, .csv or .txt.",
};

const tables: Record<Lang, Record<MessageCode, string>> = { es, en };

/**
 * Fills `{name}` placeholders. A parameter may come in each language (`needed.es`,
 * `needed.en`), e.g. lists of field names.
 */
export function fillTemplate(template: string, lang: Lang, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params[`${k}.${lang}`] ?? params[k];
    return v === undefined ? `{${k}}` : String(v);
  });
}

export function message(lang: Lang, code: MessageCode, params: Record<string, string | number> = {}): string {
  return fillTemplate(tables[lang][code], lang, params);
}

export function describe(problem: Problem, lang: Lang = "es"): string {
  return message(lang, problem.code, problem.params);
}

/** Chooses es or en from a locale tag such as `es-MX`, `en-US` or `C.UTF-8` (Spanish by default). */
export function langFromLocale(locale: string | undefined | null): Lang {
  return locale && /^en\b/i.test(locale) ? "en" : "es";
}
