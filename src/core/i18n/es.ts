/**
 * The Spanish (es-MX) catalogue: every text a user can read, by key, for every door (core's
 * problems, the command line, the functions, the task pane, the reports). `{name}` is filled
 * from the message's parameters; `{name#}` formats a number with thousands separators.
 * English (en.ts) must have exactly the same keys: the compiler checks it.
 */
export const es = {
  // ---- core: problems found reading input
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
  // ---- functions: CARTERA.* messages and words inside their results
  "fn.arg.missing": "{arg}: falta el valor",
  "fn.arg.problem": "{arg}: {detail}",
  "fn.arg.number": "{arg}: \"{value}\" no es un número",
  "fn.arg.integer": "{arg}: se esperaba un número entero de {min} a {max}",
  "fn.arg.positive": "{arg}: debe ser mayor que cero",
  "fn.arg.nonNegative": "{arg}: no puede ser negativo",
  "fn.arg.boolean": "{arg}: se esperaba VERDADERO o FALSO",
  "fn.arg.rate": "{arg}: \"{value}\" no es una tasa (escriba 6% o 0.06)",
  "fn.arg.rateTooHigh": "{arg}: {value} equivale a {percent}% anual; para el {value} % escriba {value}% o {fraction}",
  "fn.arg.basis": "{arg}: la base debe ser 360 o 365 días",
  "fn.arg.edges": "{arg}: los límites deben ser días enteros mayores que cero y crecientes, p. ej. 30, 60, 90, 120",
  "fn.range.size": "{arg} y {other} deben tener el mismo número de celdas ({n} y {m})",
  "fn.range.cell": "{arg}, {pos}: {detail}",
  "fn.pos.row": "fila {row}",
  "fn.pos.column": "columna {col}",
  "fn.pos.cell": "fila {row}, columna {col}",
  "fn.kpi.salesExhausted": "las ventas de los {months} meses dados no alcanzan a cubrir la cartera: agregue meses anteriores",
  "fn.kpi.noPayments": "no hay facturas pagadas (importe positivo con fecha de pago)",
  "fn.kpi.negativeSales": "{arg}: las ventas de un mes no pueden ser negativas",
  "fn.release.ok": "LIBERAR",
  "fn.release.hold": "RETENER: {reasons}",
  "fn.release.overdue": "{days} días de atraso (tolerancia {tolerance})",
  "fn.release.overLimit": "excede el límite de crédito por {excess}",
  "fn.label.current": "corriente",
  "fn.header.customer": "Cliente",
  "fn.header.total": "Total",
  "fn.header.number": "No.",
  "fn.header.date": "Fecha",
  "fn.header.payment": "Pago",
  "fn.header.interest": "Interés",
  "fn.header.principal": "Capital",
  "fn.header.balance": "Saldo",
} as const;

export type MessageKey = keyof typeof es;
