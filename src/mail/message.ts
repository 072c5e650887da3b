/**
 * A message ready for any transport: rendered subject, HTML and plain-text parts, and its
 * attachments as bytes. Its `key` is what the send journal knows it by; `contentHash` says
 * whether it is the same message as a journal entry (a changed statement is a new message).
 */
export interface MailAttachment {
  name: string;
  contentType: string;
  content: Uint8Array;
}

export interface MailMessage {
  /** Journal identity: kind, customer, currency, period and content hash. */
  key: string;
  kind: "statement" | "minutes";
  customer: string;
  /** `2026-10-31` (statement key date, meeting date). */
  period: string;
  /** The template family it was rendered with (`statement.es-MX`). */
  template: string;
  to: string[];
  cc: string[];
  subject: string;
  html: string;
  text: string;
  attachments: MailAttachment[];
  contentHash: string;
  /** Folder name in the outbox (`0007_0001000128_MXN`). */
  slug: string;
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const PDF_TYPE = "application/pdf";

function hex(buf: ArrayBuffer): string {
  return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  // WebCrypto: the same in Node and in the task pane.
  return hex(await globalThis.crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
}

/**
 * What makes a message this message: recipients, subject, both bodies and the attachments'
 * names. The attachments' bytes are left out because .xlsx and PDF files carry their creation
 * time; the HTML part already holds every figure they show.
 */
export async function contentHashOf(m: Pick<MailMessage, "to" | "cc" | "subject" | "html" | "text" | "attachments">): Promise<string> {
  const canon = JSON.stringify({ to: m.to.map((a) => a.toLowerCase()), cc: m.cc.map((a) => a.toLowerCase()), subject: m.subject, html: m.html, text: m.text, attachments: m.attachments.map((a) => [a.name, a.contentType]) });
  return (await sha256Hex(canon)).slice(0, 32);
}
