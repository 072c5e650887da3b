/**
 * E-mail addresses as a customer master holds them: typed by people, pasted from Outlook
 * (`Ana Ruiz <ana@x.mx>`), separated by `;` or `,`. An address is accepted only when it is a
 * plain `local@domain.tld` a mail server takes; anything else is reported, never "fixed".
 */

// Dot-atom local part (RFC 5322 §3.2.3) and a DNS domain with a dot; no quoted local parts,
// no IP literals: a statement never goes to an address a person did not clearly type.
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

export function isValidEmail(address: string): boolean {
  if (address.length > 254) return false;
  const at = address.lastIndexOf("@");
  if (at <= 0 || at === address.length - 1) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > 64 || !LOCAL.test(local)) return false;
  const labels = domain.split(".");
  if (labels.length < 2) return false;
  if (!labels.every((l) => LABEL.test(l))) return false;
  return /^[A-Za-z]{2,63}$/.test(labels[labels.length - 1]);
}

/** `Ana <ana@x.mx>` → `ana@x.mx`; surrounding spaces and a trailing dot typed by habit are dropped. */
export function bareAddress(text: string): string {
  const t = text.trim();
  const angle = /<([^<>]*)>\s*$/.exec(t);
  return (angle ? angle[1] : t).trim();
}

export interface AddressCheck {
  valid: string[];
  invalid: string[];
}

/** Splits and checks addresses; duplicates (any case) are kept once, in the order given. */
export function checkAddresses(list: readonly string[]): AddressCheck {
  const valid: string[] = [];
  const invalid: string[] = [];
  const seen = new Set<string>();
  for (const raw of list) {
    for (const part of raw.split(/[;,]/)) {
      if (part.trim() === "") continue;
      const a = bareAddress(part);
      if (!isValidEmail(a)) {
        invalid.push(part.trim());
        continue;
      }
      const k = a.toLowerCase();
      if (seen.has(k)) continue;
      seen.add(k);
      valid.push(a);
    }
  }
  return { valid, invalid };
}
