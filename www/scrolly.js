// A scrollytelling page: each story step is a card in the article's flow; when a card
// reaches the middle of the screen, the sticky map (and network) move to that step.
import { mountFarmMap } from "./farmmap.js";

const ui = await mountFarmMap(document.getElementById("graphic"), { cooperative: true });
window.farmmap = ui;
const story = ui.map.story();
document.getElementById("title").textContent = story.title;
document.getElementById("dek").textContent = story.dek;
const cards = story.steps.map((step, i) => {
  const card = document.createElement("section");
  card.className = "sc-step";
  card.dataset.step = String(i);
  const h = document.createElement("h2");
  h.textContent = step.title;
  const p = document.createElement("p");
  p.textContent = step.text;
  card.append(h, p);
  return card;
});
document.getElementById("steps").append(...cards);
const observer = new IntersectionObserver((entries) => {
  for (const e of entries) {
    if (!e.isIntersecting) continue;
    const i = Number(e.target.dataset.step);
    if (i !== ui.step) ui.goTo(i);
    for (const c of cards) c.classList.toggle("is-active", c === e.target);
  }
}, { rootMargin: "-45% 0px -45% 0px" });
for (const c of cards) observer.observe(c);
