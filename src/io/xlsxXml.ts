import { SaxesParser, type SaxesTagPlain } from "saxes";
import { streamZipEntry, XlsxError, type ZipEntry } from "./xlsxZip";

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

function newParser(h: XmlHandlers): SaxesParser<PlainXml> {
  // Position tracking costs a branch per character and only serves error messages.
  const parser = new SaxesParser<PlainXml>({ xmlns: false, position: false });
  // saxes keeps handlers as properties of the parser, so parsers given different sets of
  // handlers get different hidden classes and its per-character loop turns polymorphic:
  // measured 2-3× slower. Every parser here gets the same four, in the same order.
  parser.on("opentag", h.open);
  parser.on("closetag", h.close);
  parser.on("text", h.text);
  parser.on("cdata", h.text);
  return parser;
}

function corrupt(part: string, e: unknown): XlsxError {
  return new XlsxError("corrupt", `${part} is not well-formed XML (${e instanceof Error ? e.message : String(e)})`);
}

/**
 * Parses a zip entry as it inflates. What the handlers throw passes through unchanged when
 * `isOwn` claims it; malformed XML and damaged data become XlsxError("corrupt").
 */
export function parseXmlEntry(bytes: Uint8Array, entry: ZipEntry, handlers: XmlHandlers, isOwn: (e: unknown) => boolean = () => false): void {
  const parser = newParser(handlers);
  // Named through typeof: the CLI build has no DOM lib, where TextDecoder is only a value.
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  try {
    streamZipEntry(bytes, entry, (chunk) => {
      if (!decoder) {
        // Parts are UTF-8 in practice; the standard also allows UTF-16 with a byte-order mark.
        const le = chunk.length >= 2 && chunk[0] === 0xff && chunk[1] === 0xfe;
        const be = chunk.length >= 2 && chunk[0] === 0xfe && chunk[1] === 0xff;
        decoder = new TextDecoder(le ? "utf-16le" : be ? "utf-16be" : "utf-8");
      }
      const text = decoder.decode(chunk, { stream: true });
      if (text) parser.write(text);
    });
    const rest = decoder ? decoder.decode() : "";
    if (rest) parser.write(rest);
    parser.close();
  } catch (e) {
    if (e instanceof XlsxError || isOwn(e)) throw e;
    throw corrupt(entry.name, e);
  }
}

/** Parses XML already in a string (tests, and parts built in memory). */
export function parseXmlString(xml: string, handlers: XmlHandlers, part = "XML"): void {
  try {
    newParser(handlers).write(xml).close();
  } catch (e) {
    throw corrupt(part, e);
  }
}
