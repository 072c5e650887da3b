import { SaxesParser, type SaxesTagPlain } from "saxes";
import { streamZipEntry, XLSX_LIMITS, XlsxError, type XlsxLimits, type ZipEntry } from "./xlsxZip";

/** Streaming XML for the parts of an .xlsx: saxes fed through a streaming TextDecoder. */

export type XmlTag = SaxesTagPlain;

/** Called detached from their object (saxes calls them as its own methods): no `this` inside. */
export interface XmlHandlers {
  open: (tag: XmlTag) => void;
  close: (tag: XmlTag) => void;
  /** Character data, CDATA included; may come in several pieces for one element. */
  text: (text: string) => void;
}

/** Namespace prefixes are stripped by hand (see localName): saxes' xmlns mode costs work on every tag. */
type PlainXml = { xmlns: false; position: false };

export function localName(name: string): string {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1);
}

/**
 * Counts what saxes would otherwise hold without bound: elements open at once (its tag stack)
 * and characters since the last event (a name, an attribute, a text node or a comment it is
 * still collecting). One object per parse; the wrapped handlers bump its fields.
 */
interface Guard {
  depth: number;
  events: number;
}

function newParser(h: XmlHandlers, guard: Guard, part: string, maxDepth: number): SaxesParser<PlainXml> {
  // Position tracking costs a branch per character and only serves error messages.
  const parser = new SaxesParser<PlainXml>({ xmlns: false, position: false });
  // saxes keeps handlers as properties of the parser, so parsers given different sets of
  // handlers get different hidden classes and its per-character loop turns polymorphic:
  // measured 2-3× slower. Every parser here gets the same five, in the same order.
  const open = h.open;
  const close = h.close;
  const text = h.text;
  parser.on("opentag", (tag) => {
    guard.events++;
    if (++guard.depth > maxDepth) throw new XlsxError("corrupt", `${part} nests elements more than ${maxDepth} deep`);
    open(tag);
  });
  parser.on("closetag", (tag) => {
    guard.events++;
    guard.depth--;
    close(tag);
  });
  parser.on("text", (t) => {
    guard.events++;
    text(t);
  });
  parser.on("cdata", (t) => {
    guard.events++;
    text(t);
  });
  // The packaging rules make a DTD in a part an error to enforce (ECMA-376 Part 2, rule M1.18,
  // against entity-expansion attacks). saxes expands no DTD entities anyway; refusing the
  // DOCTYPE outright leaves nothing to expand or fetch.
  parser.on("doctype", () => {
    throw new XlsxError("corrupt", `${part} declares a DOCTYPE, which an .xlsx part may not have`);
  });
  return parser;
}

function corrupt(part: string, e: unknown): XlsxError {
  return new XlsxError("corrupt", `${part} is not well-formed XML (${e instanceof Error ? e.message : String(e)})`);
}

/** Text is handed to saxes in slices of this many characters, so the token guard acts within one slice. */
const SLICE = 1 << 20;

/**
 * Parses a zip entry as it inflates. What the handlers throw passes through unchanged when
 * `isOwn` claims it; malformed XML and damaged data become XlsxError("corrupt"), a part past
 * a limit XlsxError("tooLarge"). `maxBytes` bounds what the part may inflate to.
 */
export function parseXmlEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  handlers: XmlHandlers,
  isOwn: (e: unknown) => boolean = () => false,
  limits: XlsxLimits = XLSX_LIMITS,
  maxBytes: number = limits.partBytes,
): void {
  const guard: Guard = { depth: 0, events: 0 };
  const parser = newParser(handlers, guard, entry.name, limits.xmlDepth);
  // Named through typeof: the CLI build has no DOM lib, where TextDecoder is only a value.
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  let quiet = 0;
  const write = (text: string) => {
    for (let at = 0; at < text.length; at += SLICE) {
      const piece = at === 0 && text.length <= SLICE ? text : text.slice(at, at + SLICE);
      const before = guard.events;
      parser.write(piece);
      quiet = guard.events === before ? quiet + piece.length : 0;
      if (quiet > limits.xmlToken) throw new XlsxError("tooLarge", `${entry.name} has more than ${limits.xmlToken} characters of XML in one name, value or text`);
    }
  };
  try {
    streamZipEntry(
      bytes,
      entry,
      (chunk) => {
        if (!decoder) {
          // Parts are UTF-8 in practice; the standard also allows UTF-16 with a byte-order mark.
          const le = chunk.length >= 2 && chunk[0] === 0xff && chunk[1] === 0xfe;
          const be = chunk.length >= 2 && chunk[0] === 0xfe && chunk[1] === 0xff;
          decoder = new TextDecoder(le ? "utf-16le" : be ? "utf-16be" : "utf-8");
        }
        const text = decoder.decode(chunk, { stream: true });
        if (text) write(text);
      },
      maxBytes,
      limits,
    );
    const rest = decoder ? decoder.decode() : "";
    if (rest) write(rest);
    parser.close();
  } catch (e) {
    if (e instanceof XlsxError || isOwn(e)) throw e;
    throw corrupt(entry.name, e);
  }
}

/** Parses XML already in a string (tests, and parts built in memory). */
export function parseXmlString(xml: string, handlers: XmlHandlers, part = "XML"): void {
  try {
    newParser(handlers, { depth: 0, events: 0 }, part, XLSX_LIMITS.xmlDepth).write(xml).close();
  } catch (e) {
    if (e instanceof XlsxError) throw e;
    throw corrupt(part, e);
  }
}
