import { localName, parseXmlString, type XmlHandlers, type XmlTag } from "./xlsxXml";

/**
 * Which cell styles of a workbook show numbers as dates or times. Cell values do not depend on
 * it (a date cell holds its serial, as Office.js gives it); callers use it to tell a date
 * column from a number column without guessing from the values.
 */

/**
 * Built-in number formats that are dates or times (ECMA-376 §18.8.30): 14-22 and 45-47 in every
 * locale, 27-36 and 50-58 in East Asian ones, 71-81 in Thai. A workbook never writes these out.
 */
function isBuiltinDate(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58) || (id >= 71 && id <= 81);
}

/**
 * Whether a format code shows a date or time. Letters that a number format prints literally
 * have to be quoted or escaped, so any d, m, y, h or s left after removing quoted text,
 * escapes, fill/padding characters and bracketed colours or locales is a date or time part.
 */
export function isDateFormat(code: string): boolean {
  let s = code.replace(/"[^"]*"/g, "").replace(/\\./g, "").replace(/[_*]./g, "");
  let elapsed = false;
  s = s.replace(/\[([^\]]*)\]/g, (_m, inner: string) => {
    // [h]:mm, [mm]:ss and [ss] are elapsed-time formats; [Red], [$-80A], [>=100] are not.
    if (/^(h+|m+|s+)$/i.test(inner)) elapsed = true;
    return "";
  });
  if (elapsed) return true;
  s = s.replace(/general/gi, "");
  return /[dmyhs]/i.test(s);
}

/**
 * Reads xl/styles.xml: `flags()` has one entry per `cellXfs` style (the `s` attribute of a
 * cell indexes it), 1 when that style's number format is a date or time.
 */
export function dateStylesReader(): XmlHandlers & { flags(): Uint8Array } {
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  let inNumFmts = false;
  return {
    open: (tag: XmlTag) => {
      const name = localName(tag.name);
      if (name === "numFmts") inNumFmts = true;
      else if (name === "cellXfs") inCellXfs = true;
      else if (name === "numFmt" && inNumFmts) {
        const id = Number(tag.attributes.numFmtId);
        if (Number.isInteger(id)) custom.set(id, tag.attributes.formatCode ?? "");
      } else if (name === "xf" && inCellXfs) {
        // cellStyleXfs holds xf elements too, but cells never index those.
        const id = Number(tag.attributes.numFmtId ?? 0);
        xfFormats.push(Number.isInteger(id) ? id : 0);
      }
    },
    close: (tag: XmlTag) => {
      const name = localName(tag.name);
      if (name === "numFmts") inNumFmts = false;
      else if (name === "cellXfs") inCellXfs = false;
    },
    text: () => {},
    flags: () => {
      const flags = new Uint8Array(Math.max(1, xfFormats.length));
      for (let i = 0; i < xfFormats.length; i++) {
        const id = xfFormats[i];
        const code = custom.get(id);
        flags[i] = (code !== undefined ? isDateFormat(code) : isBuiltinDate(id)) ? 1 : 0;
      }
      return flags;
    },
  };
}

/** `dateStylesReader` over a styles part already in a string. */
export function dateStyleFlags(xml: string): Uint8Array {
  const reader = dateStylesReader();
  parseXmlString(xml, reader, "xl/styles.xml");
  return reader.flags();
}
