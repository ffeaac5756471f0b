// The story's charts (drawn by Rust with plotters on canvases). Clicking a bar, or its
// button in the list under the chart, lights up its farms on the map.
import { drawChart } from "./pkg/farmmap.js";

const KINDS = [
  ["owners", "Farms by the person they are tied to"],
  ["capacity", "Capacity by region"],
  ["shutdowns", "Shutdowns over time"],
];

export function mountCharts(container, { map, requestDraw, guard, announce, onHighlight }) {
  const charts = [];
  let active = null; // [kind, key]
  for (const [kind, label] of KINDS) {
    const fig = document.createElement("figure");
    fig.className = "fm-chart";
    const canvas = document.createElement("canvas");
    canvas.className = "fm-chart-canvas";
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", label);
    const keys = document.createElement("ul");
    keys.className = "fm-chart-keys";
    keys.setAttribute("aria-label", `${label}: select a bar to highlight its farms`);
    fig.append(canvas, keys);
    container.append(fig);
    charts.push({ kind, canvas, keys, hits: null, data: null });
  }

  const select = guard((kind, key) => {
    active = active && active[0] === kind && active[1] === key ? null : [kind, key];
    const n = map.highlightBar(kind, active ? key : "");
    onHighlight?.(active ? kind : null, active ? key : null);
    announce(active ? `${n} farm${n === 1 ? "" : "s"} highlighted: ${key}` : "Highlight cleared");
    draw();
    requestDraw();
  });

  const draw = guard(() => {
    for (const c of charts) {
      const w = c.canvas.clientWidth || 300;
      const h = c.canvas.clientHeight || 220;
      const dpr = devicePixelRatio || 1;
      c.canvas.width = Math.round(w * dpr);
      c.canvas.height = Math.round(h * dpr);
      c.data = JSON.parse(map.chartData(c.kind));
      const highlight = active && active[0] === c.kind ? active[1] : undefined;
      c.hits = drawChart(c.canvas, c.kind, JSON.stringify(c.data), { pixelRatio: dpr, highlight,
        illustrative: map.illustrativeCount() > 0 });
      c.keys.replaceChildren(...c.data.bars.filter((b) => b.value > 0 || b.unknown > 0).map((b) => {
        const li = document.createElement("li");
        const btn = document.createElement("button");
        btn.type = "button";
        btn.className = "fm-chip";
        btn.textContent = `${b.label}: ${b.value}${c.data.unit === "MW" ? " MW" : ""}${b.unknown ? ` (+${b.unknown} unknown)` : ""}`;
        btn.setAttribute("aria-pressed", String(highlight === b.key));
        btn.addEventListener("click", () => select(c.kind, b.key));
        li.append(btn);
        return li;
      }));
    }
  });

  for (const c of charts) {
    c.canvas.addEventListener("click", guard((e) => {
      const key = c.hits?.keyAtClient(c.canvas, e.clientX, e.clientY);
      if (key) select(c.kind, key);
    }));
  }
  let pending = 0;
  new ResizeObserver(() => { cancelAnimationFrame(pending); pending = requestAnimationFrame(draw); }).observe(container);
  // The first draw comes from the ResizeObserver, after the map's first frame.
  return { draw, select, get active() { return active; } };
}
