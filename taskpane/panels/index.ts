import { PanelRegistry } from "../panels";
import { agingPanel } from "./aging";
import { creditPanel } from "./credit";
import { minutesPanel } from "./minutes";
import { reconciliationPanel } from "./reconciliation";
import { statementsPanel } from "./statements";

/** The pane's panels, one tab each, in this order. A new panel is one more `register`. */
export const PANELS = new PanelRegistry()
  .register(agingPanel)
  .register(reconciliationPanel)
  .register(creditPanel)
  .register(statementsPanel)
  .register(minutesPanel);
