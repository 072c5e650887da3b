import { DEFAULT_POLICY, parsePolicy, POLICY_KEYS, policyValueText, type PolicyEntry } from "../../src/core/credit/policy";
import { describe, message, type MessageKey } from "../../src/core/messages";
import type { SettingsRecord } from "../../src/workbook/port";
import { h, uid } from "../dom";
import type { Translator } from "../i18n";

/**
 * The credit policy as the analyst sees and edits it: one row per rule, its meaning, and its
 * value (the default until changed). Values are checked by the same parser as `--policy`, and
 * what was changed is remembered as `credit.policy.<key>` settings.
 */
export class PolicyEditor {
  readonly element: HTMLElement;
  private readonly inputs = new Map<string, HTMLInputElement>();
  private readonly error: HTMLElement;

  constructor(
    private readonly t: Translator,
    private readonly onChange: () => void,
  ) {
    const body = h("tbody");
    for (const def of POLICY_KEYS) {
      const id = uid("policy");
      const input = h("input", { type: "text", id, autocomplete: "off", "data-testid": `policy-${def.key}`, oninput: () => this.changed() });
      input.placeholder = policyValueText(def.key, DEFAULT_POLICY[def.key], t.lang);
      this.inputs.set(def.key, input);
      body.append(h("tr", {}, h("th", { scope: "row" }, h("label", { for: id }, message(t.lang, `credit.policyKey.${def.key}` as MessageKey))), h("td", {}, input)));
    }
    this.error = h("div", { className: "message error", role: "alert", "data-testid": "policy-error", hidden: true });
    const details = h(
      "details",
      {},
      h("summary", {}, t("pane.credit.policySummary")),
      h("table", { className: "grid mapping" }, h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("pane.credit.policyRule")), h("th", { scope: "col" }, t("pane.credit.policyValue")))), body),
    );
    this.element = h("section", { className: "card", "data-testid": "credit-policy" }, h("h2", {}, t("pane.credit.policyHeading")), h("p", { className: "hint" }, t("pane.credit.policyIntro")), details, this.error);
  }

  /** The values the analyst typed (empty inputs keep the default). */
  entries(): PolicyEntry[] {
    return [...this.inputs].filter(([, i]) => i.value.trim() !== "").map(([key, i]) => ({ key, value: i.value.trim() }));
  }

  /** Why the policy cannot be used, or null. */
  get problem(): string | null {
    const p = parsePolicy(this.entries()).problems[0];
    return p ? describe(p.problem, this.t.lang) : null;
  }

  load(saved: Record<string, string>): void {
    for (const [key, input] of this.inputs) input.value = saved[`policy.${key}`] ?? "";
    this.changed(false);
  }

  settingsRecord(): SettingsRecord {
    return Object.fromEntries([...this.inputs].map(([key, i]) => [`credit.policy.${key}`, i.value.trim()]));
  }

  private changed(notify = true): void {
    const problem = this.problem;
    this.error.hidden = problem === null;
    this.error.textContent = problem ?? "";
    if (notify) this.onChange();
  }
}
