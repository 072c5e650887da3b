import { h } from "../dom";
import type { PaneKey } from "../i18n";
import type { PanelDefinition } from "../panels";

/** A panel a later issue fills (reconciliation, credit review), registered like any other. */
export function placeholderPanel(id: string, labelKey: PaneKey, titleKey: PaneKey, bodyKey: PaneKey): PanelDefinition {
  return {
    id,
    labelKey,
    create: ({ t }) => ({ element: h("section", { className: "card placeholder", "data-testid": `placeholder-${id}` }, h("h2", {}, t(titleKey)), h("p", {}, t(bodyKey))) }),
  };
}
