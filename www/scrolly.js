// A scrollytelling page: each story step is a card in the article's flow; when a card
// reaches the middle of the screen, the sticky map (and network) move to that step.
import { mountFarmMap } from "./farmmap.js";
import { el, appendAll } from "./dom.js";

/** @param {string} id */
function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`scrolly.html has no #${id}`);
  return node;
}

const ui = await mountFarmMap(byId("graphic"), { cooperative: true });
window.farmmap = ui;
const story = ui.map.story();
byId("title").textContent = story.title;
byId("dek").textContent = story.dek;
const cards = story.steps.map((step, i) => {
  const card = el("section", "sc-step");
  card.dataset.step = String(i);
  card.append(el("h2", null, step.title), el("p", null, step.text));
  return card;
});
appendAll(byId("steps"), cards, (card) => card);
const observer = new IntersectionObserver((entries) => {
  for (const e of entries) {
    if (!e.isIntersecting || !(e.target instanceof HTMLElement)) continue;
    const i = Number(e.target.dataset.step);
    if (i !== ui.step) ui.goTo(i);
    for (const c of cards) c.classList.toggle("is-active", c === e.target);
  }
}, { rootMargin: "-45% 0px -45% 0px" });
for (const c of cards) observer.observe(c);
