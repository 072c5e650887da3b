import type { TableSpec } from "./columns";
import type { CivilDay } from "../dates";
import type { Centavos } from "../money";
import { normalizeHeader } from "./columns";
import type { RowFields, TableKind } from "./fields";

/**
 * A meeting sheet, as an analyst fills one during a collection meeting: one row per entry —
 * an attendee, a topic, an agreement, or the meeting's own line (place, reconciled balance) —
 * with the customer and date on the first row of each meeting (rows below may leave them
 * blank: they belong to the meeting above; see src/core/statement/minutes.ts).
 */
export type MeetingEntry = "meeting" | "attendee" | "topic" | "agreement";

export interface MeetingRow {
  row: number;
  entry: MeetingEntry;
  customer: string;
  customerName: string;
  date: CivilDay | null;
  place: string;
  language: string;
  name: string;
  company: string;
  role: string;
  email: string;
  description: string;
  responsible: string;
  dueDate: CivilDay | null;
  amount: Centavos | null;
  currency: string | null;
  balance: Centavos | null;
}

export const MEETING_SPEC: TableSpec = {
  kind: "meeting",
  fields: [
    { key: "entry", type: "text", label: { es: "Tipo", en: "Entry" }, synonyms: ["Sección", "Seccion", "Renglón", "Concepto", "Tipo de renglón", "Section", "Type", "Kind"] },
    { key: "customer", type: "code", label: { es: "Cliente", en: "Customer" }, synonyms: ["Cuenta", "Deudor", "Código cliente", "No. cliente", "Account", "Customer Number", "KUNNR"] },
    { key: "customerName", type: "text", label: { es: "Razón social", en: "Customer name" }, synonyms: ["Nombre del cliente", "Nombre cliente", "Customer Name"] },
    { key: "date", type: "date", label: { es: "Fecha de reunión", en: "Meeting date" }, synonyms: ["Fecha reunión", "Fecha de la reunión", "Fecha junta", "Meeting", "Date of meeting"], weak: ["Fecha", "Date"] },
    { key: "place", type: "text", label: { es: "Lugar", en: "Place" }, synonyms: ["Sede", "Ubicación", "Location", "Venue"] },
    { key: "language", type: "text", label: { es: "Idioma", en: "Language" }, synonyms: ["Lengua", "Lang"] },
    { key: "name", type: "text", label: { es: "Nombre", en: "Name" }, synonyms: ["Asistente", "Participante", "Attendee", "Participant"] },
    { key: "company", type: "text", label: { es: "Empresa", en: "Company" }, synonyms: ["Compañía", "Organización", "Organization"] },
    { key: "role", type: "text", label: { es: "Cargo", en: "Role" }, synonyms: ["Puesto", "Función", "Title", "Position", "Job title"] },
    { key: "email", type: "text", label: { es: "Correo", en: "Email" }, synonyms: ["Correo electrónico", "E-mail", "Mail"] },
    { key: "description", type: "text", label: { es: "Descripción", en: "Description" }, synonyms: ["Tema", "Acuerdo", "Asunto", "Detalle", "Topic", "Agreement", "Subject", "Details"] },
    { key: "responsible", type: "text", label: { es: "Responsable", en: "Responsible" }, synonyms: ["Encargado", "Quién", "Owner", "Who"] },
    { key: "dueDate", type: "date", label: { es: "Fecha compromiso", en: "Due date" }, synonyms: ["Fecha de compromiso", "Fecha límite", "Vence", "Fecha de pago", "Deadline", "Due", "Promise date"] },
    { key: "amount", type: "money", label: { es: "Importe", en: "Amount" }, synonyms: ["Monto", "Importe comprometido", "Promised amount"] },
    { key: "currency", type: "currency", label: { es: "Moneda", en: "Currency" }, synonyms: ["Mon.", "Curr."] },
    { key: "balance", type: "money", label: { es: "Saldo conciliado", en: "Reconciled balance" }, synonyms: ["Saldo", "Saldo según conciliación", "Balance"] },
  ],
  required: [["entry"], ["description", "name"]],
};

const ENTRIES: Record<string, MeetingEntry> = {
  reunion: "meeting", junta: "meeting", datos: "meeting", meeting: "meeting", general: "meeting",
  asistente: "attendee", asistentes: "attendee", participante: "attendee", attendee: "attendee", attendees: "attendee", participant: "attendee",
  tema: "topic", temas: "topic", asunto: "topic", topic: "topic", topics: "topic", agenda: "topic",
  acuerdo: "agreement", acuerdos: "agreement", compromiso: "agreement", compromisos: "agreement", agreement: "agreement", agreements: "agreement", promise: "agreement",
};

/** What a row is, in either language; null when the text names no entry. */
export function meetingEntry(text: string): MeetingEntry | null {
  return ENTRIES[normalizeHeader(text)] ?? null;
}

export const MEETING_KIND: TableKind<MeetingRow> = {
  spec: MEETING_SPEC,
  build(f: RowFields): MeetingRow | null {
    if (!f.has("entry")) {
      // A row with nothing but perhaps the meeting's customer/date is not an entry.
      if (!f.has("name") && !f.has("description")) return null;
      f.reject("entry", { code: "meeting.entryMissing" });
      return null;
    }
    const entry = meetingEntry(f.text("entry"));
    if (entry === null) {
      f.reject("entry", { code: "meeting.entryUnknown", params: { value: f.text("entry") } });
      return null;
    }
    const row: MeetingRow = {
      row: f.rowNumber,
      entry,
      customer: f.code("customer"),
      customerName: f.text("customerName"),
      date: f.date("date"),
      place: f.text("place"),
      language: f.text("language"),
      name: f.text("name"),
      company: f.text("company"),
      role: f.text("role"),
      email: f.text("email"),
      description: f.text("description"),
      responsible: f.text("responsible"),
      dueDate: f.date("dueDate"),
      amount: f.money("amount"),
      currency: f.currency("currency"),
      balance: f.money("balance"),
    };
    if (entry === "attendee" && row.name === "") f.reject("name", { code: "row.missing" });
    if ((entry === "topic" || entry === "agreement") && row.description === "") f.reject("description", { code: "row.missing" });
    return row;
  },
};
