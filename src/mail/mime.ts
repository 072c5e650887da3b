import type { MailMessage } from "./message";

/**
 * An RFC 5322 / MIME message (.eml) of a MailMessage: multipart/mixed with a
 * multipart/alternative (plain text, then HTML) and the attachments, every part base64 with
 * lines of 76 characters, non-ASCII header text as RFC 2047 encoded words and file names as
 * RFC 2231 parameters. `X-Unsent: 1` makes Outlook open it as a draft ready to send.
 */
export interface EmlOptions {
  from: string;
  /** RFC 5322 date-time; the caller's clock. */
  date: Date;
  messageId: string;
  /** Outlook opens the file as a draft to send (the dry-run outbox). */
  unsent?: boolean;
}

export function base64(bytes: Uint8Array): string {
  let out = "";
  const CHUNK = 0x6000; // a multiple of 3: chunks encode without padding in between
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const part = bytes.subarray(i, i + CHUNK);
    let s = "";
    for (let k = 0; k < part.length; k++) s += String.fromCharCode(part[k]);
    out += btoa(s);
  }
  return out;
}

function wrap76(b64: string): string {
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join("\r\n");
}

const utf8 = new TextEncoder();

/** Header text: as is when printable ASCII, else UTF-8 encoded words of at most 75 characters, folded. */
export function encodeHeaderText(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text) && !/=\?/.test(text)) return text;
  const words: string[] = [];
  let chunk = "";
  let bytes = 0;
  for (const ch of text) {
    const n = utf8.encode(ch).length;
    if (bytes + n > 45) {
      words.push(chunk);
      chunk = "";
      bytes = 0;
    }
    chunk += ch;
    bytes += n;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${base64(utf8.encode(w))}?=`).join("\r\n ");
}

/** `Name <address>` with the name quoted or encoded; a bare address stays bare. */
export function formatAddress(address: string, name?: string): string {
  if (!name) return address;
  const n = /^[A-Za-z0-9 .,'-]*$/.test(name) ? `"${name.replace(/"/g, "")}"` : encodeHeaderText(name);
  return `${n} <${address}>`;
}

function fileNameParams(name: string): string {
  const ascii = name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^\x20-\x7e]|["\\]/g, "_");
  if (ascii === name) return `filename="${name}"`;
  const ext = [...utf8.encode(name)].map((b) => (/[A-Za-z0-9._-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, "0")}`)).join("");
  return `filename="${ascii}"; filename*=UTF-8''${ext}`;
}

/** RFC 5322 date (`Sat, 31 Oct 2026 18:00:00 -0600`) in the machine's zone. */
export function rfc5322Date(d: Date): string {
  const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const p = (n: number) => String(n).padStart(2, "0");
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? "+" : "-";
  return `${days[d.getDay()]}, ${p(d.getDate())} ${months[d.getMonth()]} ${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())} ${sign}${p(Math.floor(Math.abs(off) / 60))}${p(Math.abs(off) % 60)}`;
}

function boundary(seed: string, n: number): string {
  return `=_cartera_${n}_${seed.replace(/[^A-Za-z0-9]/g, "").slice(0, 24)}`;
}

export function toEml(m: MailMessage, o: EmlOptions): string {
  const mixed = boundary(m.contentHash, 1);
  const alt = boundary(m.contentHash, 2);
  const h: string[] = [
    `From: ${o.from}`,
    `To: ${m.to.join(", ")}`,
    ...(m.cc.length ? [`Cc: ${m.cc.join(", ")}`] : []),
    `Subject: ${encodeHeaderText(m.subject)}`,
    `Date: ${rfc5322Date(o.date)}`,
    `Message-ID: ${o.messageId}`,
    "MIME-Version: 1.0",
    ...(o.unsent ? ["X-Unsent: 1"] : []),
    `X-Cartera-Key: ${m.key}`,
    `Content-Type: multipart/mixed; boundary="${mixed}"`,
  ];
  const part = (type: string, body: Uint8Array, extra: string[] = []) => [`Content-Type: ${type}`, "Content-Transfer-Encoding: base64", ...extra, "", wrap76(base64(body))].join("\r\n");
  const lines: string[] = [
    h.join("\r\n"),
    "",
    "This is a multi-part message in MIME format.",
    `--${mixed}`,
    `Content-Type: multipart/alternative; boundary="${alt}"`,
    "",
    `--${alt}`,
    part("text/plain; charset=utf-8", utf8.encode(m.text)),
    `--${alt}`,
    part("text/html; charset=utf-8", utf8.encode(m.html)),
    `--${alt}--`,
  ];
  for (const a of m.attachments) {
    lines.push(`--${mixed}`);
    const safe = a.name.replace(/["\\\r\n]/g, "_");
    lines.push(part(`${a.contentType}; name="${safe}"`, a.content, [`Content-Disposition: attachment; ${fileNameParams(a.name)}`]));
  }
  lines.push(`--${mixed}--`, "");
  return lines.join("\r\n");
}
