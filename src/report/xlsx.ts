import { Zip, ZipDeflate } from "fflate";
import type { Report } from "../core/report/report";
import { SheetPlan, sheetNames } from "./xlsxSheet";
import { StyleSheet } from "./xlsxStyles";
import { escapeAttr, escapeText } from "./xlsxText";

/**
 * Renders a Report as an .xlsx an analyst can hand to a manager: title, frozen header,
 * filters, currency formats, totals, overdue highlighting and print setup, with the layout
 * the Office.js writer uses (layout.ts). The SpreadsheetML parts are written here as strings
 * and zipped as they are produced: exceljs, with an object per cell, took 8 s for a
 * 411,666-row detail (49 s and 5 GB in memory for the browser's variant). Browser-safe: the
 * pane's Web Worker calls reportToXlsxBuffer; the command line writes files through
 * xlsxFile.ts, which compresses with Node's zlib.
 *
 * Parts, in the order they are zipped: [Content_Types].xml, _rels/.rels, docProps/core.xml,
 * docProps/app.xml, xl/workbook.xml, xl/_rels/workbook.xml.rels, xl/styles.xml,
 * xl/worksheets/sheet1.xml … (ECMA-376 Part 1 §12.3; Part 2 for the package).
 */

export interface XlsxPart {
  /** Path inside the zip. */
  name: string;
  /** The part's XML in UTF-8, produced lazily, chunk by chunk (one for the small parts). */
  chunks(): Iterable<Uint8Array>;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT = "application/vnd.openxmlformats-officedocument";

function part(name: string, xml: string): XlsxPart {
  return { name, chunks: () => [new TextEncoder().encode(xml)] };
}

/** `'Detalle (2)'!$4:$4`: a sheet name in a formula, quoted, apostrophes doubled. */
function sheetRef(name: string, range: string): string {
  return `'${name.replace(/'/g, "''")}'!${range}`;
}

/** `A4:M9` as the absolute `$A$4:$M$9` defined names use. */
function absolute(range: string): string {
  return range.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
}

/**
 * Plans every sheet (styles, names, ranges) up front, so the small parts are complete before
 * the first row is written, and returns the parts for a zip writer to compress in order.
 * Throws RangeError when a sheet does not fit in Excel (rows, columns) and Error for a report
 * without sheets, before anything is written.
 */
export function xlsxParts(report: Report, created: Date = new Date()): XlsxPart[] {
  if (!report.sheets.length) throw new Error("a workbook needs at least one sheet");
  const styles = new StyleSheet();
  const names = sheetNames(report);
  const plans = report.sheets.map((sheet, i) => new SheetPlan(report, sheet, names[i], i, styles));

  const overrides = [
    `<Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/>`,
    `<Override PartName="/xl/styles.xml" ContentType="${CT}.spreadsheetml.styles+xml"/>`,
    ...plans.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/>`),
    `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`,
    `<Override PartName="/docProps/app.xml" ContentType="${CT}.extended-properties+xml"/>`,
  ];
  const contentTypes =
    XML_HEAD +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    overrides.join("") +
    "</Types>";

  const rootRels =
    XML_HEAD +
    `<Relationships xmlns="${NS_PKG_REL}">` +
    `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
    `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
    `<Relationship Id="rId3" Type="${NS_REL}/extended-properties" Target="docProps/app.xml"/>` +
    "</Relationships>";

  // W3CDTF without milliseconds, as Excel writes it.
  const when = created.toISOString().replace(/\.\d{3}Z$/, "Z");
  const core =
    XML_HEAD +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeText(report.title).xml}</dc:title>` +
    "<dc:creator>Cartera</dc:creator>" +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    "</cp:coreProperties>";
  const app =
    XML_HEAD +
    `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Cartera</Application></Properties>`;

  // Print titles (the header row on every page) and the autofilter's hidden range are
  // defined names local to their sheet, as Excel writes them.
  const definedNames: string[] = [];
  plans.forEach((p, i) => {
    const filter = p.filterRange();
    if (filter) definedNames.push(`<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeText(sheetRef(p.name, absolute(filter))).xml}</definedName>`);
    const h = p.layout.headerRow;
    definedNames.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeText(sheetRef(p.name, `$${h}:$${h}`)).xml}</definedName>`);
  });
  const workbook =
    XML_HEAD +
    `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    '<workbookPr/><bookViews><workbookView activeTab="0"/></bookViews>' +
    `<sheets>${plans.map((p, i) => `<sheet name="${escapeAttr(p.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets>` +
    `<definedNames>${definedNames.join("")}</definedNames>` +
    "</workbook>";
  const workbookRels =
    XML_HEAD +
    `<Relationships xmlns="${NS_PKG_REL}">` +
    plans.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("") +
    `<Relationship Id="rId${plans.length + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>` +
    "</Relationships>";

  return [
    part("[Content_Types].xml", contentTypes),
    part("_rels/.rels", rootRels),
    part("docProps/core.xml", core),
    part("docProps/app.xml", app),
    part("xl/workbook.xml", workbook),
    part("xl/_rels/workbook.xml.rels", workbookRels),
    part("xl/styles.xml", styles.toXml()),
    ...plans.map((p, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, chunks: () => p.chunks() })),
  ];
}

/**
 * fflate's level in the browser, measured on the 411,666-row detail: level 3 takes the time of
 * level 1 (about 6 s) for a file a tenth smaller; its default, 6, takes half as long again.
 */
const BROWSER_LEVEL = 3;

/** Builds the report in memory and returns the .xlsx bytes (browser download, tests). */
export async function reportToXlsxBuffer(report: Report): Promise<Uint8Array> {
  const parts = xlsxParts(report);
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, data) => {
    if (err) failure ??= err;
    else out.push(data);
  });
  for (const p of parts) {
    const file = new ZipDeflate(p.name, { level: BROWSER_LEVEL });
    zip.add(file);
    for (const chunk of p.chunks()) file.push(chunk);
    file.push(new Uint8Array(0), true);
  }
  zip.end();
  if (failure) throw failure;
  let size = 0;
  for (const c of out) size += c.length;
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of out) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}
