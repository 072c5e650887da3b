import { PanelRegistry } from "../panels";
import { agingPanel } from "./aging";
import { creditPanel } from "./credit";
import { placeholderPanel } from "./placeholder";

/** The pane's panels, one tab each, in this order. A new panel is one more `register`. */
export const PANELS = new PanelRegistry()
  .register(agingPanel)
  .register(placeholderPanel("reconciliation", "pane.tab.reconciliation", "pane.reconciliation.title", "pane.reconciliation.body"))
  .register(creditPanel);
