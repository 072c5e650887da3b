import { PanelRegistry } from "../panels";
import { agingPanel } from "./aging";
import { placeholderPanel } from "./placeholder";

/** The pane's panels, one tab each, in this order. A new panel is one more `register`. */
export const PANELS = new PanelRegistry()
  .register(agingPanel)
  .register(placeholderPanel("reconciliation", "pane.tab.reconciliation", "pane.reconciliation.title", "pane.reconciliation.body"))
  .register(placeholderPanel("credit", "pane.tab.credit", "pane.credit.title", "pane.credit.body"));
