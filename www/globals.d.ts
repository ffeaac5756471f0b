// What farmmap's pages put on `window` for tests and the console.
interface Window {
  farmmap?: import("./farmmap.js").FarmMapUi;
  farmmapShowReport?: (report: import("./pkg/farmmap.js").ImportReport) => void;
  farmmapEditor?: { buildStory: () => import("./pkg/farmmap.js").StoryFile; readonly preview: import("./farmmap.js").FarmMapUi | null;
    readonly checked: { report: import("./pkg/farmmap.js").ImportReport, columns?: import("./pkg/farmmap.js").FileColumns } | null };
  heightMessages?: { kind: string; id: string; value: number }[];
}

/** The bundle's one stylesheet (scripts/bundle.mjs defines it; undeclared in the unbundled modules). */
declare const FARMMAP_BUNDLED_CSS: string | undefined;
