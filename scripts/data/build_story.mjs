// Writes www/stories/kazakhstan-2022.json: the demo story as one self-contained story file
// (steps + the editor's original CSV files inline), the shape <farm-map src="…"> loads.
// Run: node scripts/data/build_story.mjs   (output committed)
import fs from "node:fs";
const dir = new URL("../../data/story/", import.meta.url);
const story = JSON.parse(fs.readFileSync(new URL("story.json", dir), "utf8"));
for (const [key, file] of [["farms", "farms.csv"], ["entities", "entities.csv"], ["links", "links.csv"]]) {
  story[key] = { name: file, text: fs.readFileSync(new URL(file, dir), "utf8") };
}
const out = new URL("../../www/stories/kazakhstan-2022.json", import.meta.url);
fs.writeFileSync(out, JSON.stringify(story, null, 1) + "\n");
console.log("wrote", out.pathname);
