import { h } from "./dom";

/** One tab and its panel; taskpane.ts makes one per registered panel (taskpane/panels/index.ts). */
export interface Tab {
  id: string;
  label: string;
  content: HTMLElement;
}

/**
 * Tabs as the WAI-ARIA pattern has them: one tab stop, arrow keys (and Home/End) move between
 * tabs and show their panel, so the pane works from the keyboard and screen readers announce
 * "tab 1 of 3".
 */
export function tabs(label: string, items: Tab[], selected = 0): HTMLElement {
  const buttons: HTMLButtonElement[] = [];
  const panels: HTMLElement[] = [];
  const select = (index: number, focus: boolean) => {
    buttons.forEach((b, i) => {
      const on = i === index;
      b.setAttribute("aria-selected", on ? "true" : "false");
      b.tabIndex = on ? 0 : -1;
      panels[i].hidden = !on;
    });
    if (focus) buttons[index].focus();
  };
  items.forEach((item, i) => {
    const button = h(
      "button",
      {
        type: "button",
        role: "tab",
        id: `tab-${item.id}`,
        "aria-controls": `panel-${item.id}`,
        "data-testid": `tab-${item.id}`,
        onclick: () => select(i, false),
        onkeydown: (e: Event) => {
          const key = (e as KeyboardEvent).key;
          const next = key === "ArrowRight" ? i + 1 : key === "ArrowLeft" ? i - 1 : key === "Home" ? 0 : key === "End" ? items.length - 1 : null;
          if (next === null) return;
          e.preventDefault();
          select((next + items.length) % items.length, true);
        },
      },
      item.label,
    );
    buttons.push(button);
    panels.push(h("div", { role: "tabpanel", id: `panel-${item.id}`, "aria-labelledby": `tab-${item.id}`, tabindex: 0, className: "tabpanel" }, item.content));
  });
  select(selected, false);
  return h("div", { className: "tabs" }, h("div", { role: "tablist", "aria-label": label, className: "tablist" }, ...buttons), ...panels);
}
