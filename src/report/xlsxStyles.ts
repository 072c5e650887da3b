import { escapeAttr } from "./xlsxText";

/**
 * The styles part (xl/styles.xml) of a result workbook: every cell format a writer asks for,
 * each distinct one stored once and referred to by index from the cells (`s="…"`), as Excel
 * does. The writer asks for all of them before any sheet is written, so this part goes first.
 */

export interface FontSpec {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  /** ARGB, `FF1F4E79`. */
  color?: string;
}

export interface XfSpec {
  numFmt?: string;
  font?: FontSpec;
  /** ARGB of a solid fill. */
  fill?: string;
  /** Thin line above and double line below, the accountant's totals underline. */
  totalBorder?: boolean;
  /** A line above only: a subtotal (thin) or a line to sign on (medium). */
  topBorder?: "thin" | "medium";
  horizontal?: "left" | "center";
  verticalCenter?: boolean;
  wrap?: boolean;
  /** Text that starts like a formula stays text if the user edits the cell (Excel's `'`). */
  quotePrefix?: boolean;
}

/** Differential format of a conditional-formatting rule. */
export interface DxfSpec {
  fontColor: string;
  fillColor: string;
}

/** Number formats Excel knows by id; any other gets an id from 164 up. */
const BUILTIN_FORMATS: Record<string, number> = { General: 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "@": 49 };

const DEFAULT_FONT = '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>';

export class StyleSheet {
  private readonly numFmts = new Map<string, number>();
  private readonly fonts = new Map<string, number>([[DEFAULT_FONT, 0]]);
  // Excel expects the first two fills to be these two, whatever the cells use.
  private readonly fills = new Map<string, number>([
    ['<fill><patternFill patternType="none"/></fill>', 0],
    ['<fill><patternFill patternType="gray125"/></fill>', 1],
  ]);
  private readonly borders = new Map<string, number>([["<border><left/><right/><top/><bottom/><diagonal/></border>", 0]]);
  private readonly xfs = new Map<string, number>([['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>', 0]]);
  private readonly dxfs = new Map<string, number>();

  /** Index of the cell format (`s` attribute); the same spec always gives the same index. */
  xf(spec: XfSpec): number {
    let attrs = ` numFmtId="${this.numFmtId(spec.numFmt ?? "General")}"`;
    attrs += ` fontId="${spec.font ? this.fontId(spec.font) : 0}"`;
    attrs += ` fillId="${spec.fill ? intern(this.fills, `<fill><patternFill patternType="solid"><fgColor rgb="${spec.fill}"/><bgColor indexed="64"/></patternFill></fill>`) : 0}"`;
    attrs += ` borderId="${
      spec.totalBorder
        ? intern(this.borders, '<border><left/><right/><top style="thin"><color indexed="64"/></top><bottom style="double"><color indexed="64"/></bottom><diagonal/></border>')
        : spec.topBorder
          ? intern(this.borders, `<border><left/><right/><top style="${spec.topBorder}"><color indexed="64"/></top><bottom/><diagonal/></border>`)
          : 0
    }"`;
    attrs += ' xfId="0"';
    if (spec.numFmt !== undefined) attrs += ' applyNumberFormat="1"';
    if (spec.font) attrs += ' applyFont="1"';
    if (spec.fill) attrs += ' applyFill="1"';
    if (spec.totalBorder || spec.topBorder) attrs += ' applyBorder="1"';
    if (spec.quotePrefix) attrs += ' quotePrefix="1"';
    let alignment = "";
    if (spec.horizontal) alignment += ` horizontal="${spec.horizontal}"`;
    if (spec.verticalCenter) alignment += ' vertical="center"';
    if (spec.wrap) alignment += ' wrapText="1"';
    const xml = alignment ? `<xf${attrs} applyAlignment="1"><alignment${alignment}/></xf>` : `<xf${attrs}/>`;
    return intern(this.xfs, xml);
  }

  dxf(spec: DxfSpec): number {
    return intern(this.dxfs, `<dxf><font><color rgb="${spec.fontColor}"/></font><fill><patternFill><bgColor rgb="${spec.fillColor}"/></patternFill></fill></dxf>`);
  }

  private numFmtId(code: string): number {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    let id = this.numFmts.get(code);
    if (id === undefined) this.numFmts.set(code, (id = 164 + this.numFmts.size));
    return id;
  }

  private fontId(f: FontSpec): number {
    let xml = "<font>";
    if (f.bold) xml += "<b/>";
    if (f.italic) xml += "<i/>";
    xml += `<sz val="${f.size ?? 11}"/>`;
    if (f.color) xml += `<color rgb="${f.color}"/>`;
    xml += '<name val="Calibri"/><family val="2"/></font>';
    return intern(this.fonts, xml);
  }

  toXml(): string {
    const list = (tag: string, m: Map<string, number>) => (m.size ? `<${tag} count="${m.size}">${[...m.keys()].join("")}</${tag}>` : "");
    const numFmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.join("")}</numFmts>` : "") +
      list("fonts", this.fonts) +
      list("fills", this.fills) +
      list("borders", this.borders) +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      list("cellXfs", this.xfs) +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      `<dxfs count="${this.dxfs.size}">${[...this.dxfs.keys()].join("")}</dxfs>` +
      "</styleSheet>"
    );
  }
}

/** Maps keep insertion order, so an entry's index is the order it was first asked for. */
function intern(m: Map<string, number>, xml: string): number {
  let id = m.get(xml);
  if (id === undefined) m.set(xml, (id = m.size));
  return id;
}
