// The interface's words in English, Russian and Kazakh (Cyrillic); numbers written by Rust's
// rules (the badges' rule, src/i18n). The words are the one catalogue, www/i18n-strings.js, which Rust reads too (the
// map's badges and summaries, the network's ties, the table view, chart titles:
// src/i18n/mod.rs); story text is the story's own (data). Words Rust returns as labels
// (status, precision, node kind) are translated here by their key.
// `translator(lang)` gives one embed its `t`; each embed may have its own language.
//
// A reader downloads only the languages it shows: English (the fallback for a missing
// string) comes with this module, Russian and Kazakh each from a file of its own once
// `loadLanguage` asks for it. scripts/bundle.mjs writes those files, i18n-en.js,
// i18n-ru.js and i18n-kk.js, from i18n-strings.js (which stays the one source: edit that).
//
// For a human reviewer: the keys listed under "review" in i18n-strings.js were written without a
// native speaker's check (mostly Kazakh); the Russian and Kazakh were written for readers of
// news sites.
import english from "./i18n-en.js";

/** @typedef {"en" | "ru" | "kk"} Lang */
/** @typedef {string | {one: string, few?: string, many?: string, other: string}} Entry */
/** @typedef {Record<string, string | number>} Vars */

/**
 * @typedef {object} Translator
 * @property {Lang} lang
 * @property {(key: Key, vars?: Vars) => string} t the string for `key`, with {name} filled from
 *   `vars` (plural form by `vars.n`); numbers are written as counts (compact from 1,000), strings as they are
 * @property {(n: number) => string} count a count, abbreviated (1.2K / 118K; "1,2 тыс."; "1,2 мың")
 * @property {(n: number) => string} num a number in the language's format (118 330; 1,5)
 * @property {(key: string, fallback: string) => string} label a Rust label by its key (status, precision, node kind)
 */

/** @typedef {keyof typeof import("./i18n-strings.js").default.en} Key */
/** @typedef {Record<Key, Entry>} Catalogue */

const en = /** @type {Catalogue} */ (english);

/** Where each other language's words are (files of their own: a reader downloads its language only). */
const LOADERS = {
  ru: () => import("./i18n-ru.js"),
  kk: () => import("./i18n-kk.js"),
};

/** The languages loaded so far. @type {Partial<Record<Lang, Catalogue>>} */
const loaded = { en };
/** @type {Partial<Record<Lang, Promise<void>>>} */
const loading = {};

/**
 * Download `lang`'s words once (English is always here); later calls return the same
 * promise. It never rejects: a language that cannot load is written in English (its
 * fallback) and the reason goes to the console.
 * @param {Lang} lang
 * @returns {Promise<void>}
 */
export function loadLanguage(lang) {
  if (lang === "en" || loaded[lang]) return Promise.resolve();
  loading[lang] ??= LOADERS[lang]().then(
    (m) => { loaded[lang] = /** @type {Catalogue} */ (m.default); },
    (err) => {
      delete loading[lang]; // a later embed tries again
      console.warn(`farmmap: the ${lang} interface strings could not be loaded; English instead:`, err);
    },
  );
  return loading[lang];
}

/** The languages whose words are here. @returns {Lang[]} */
export function loadedLanguages() {
  return /** @type {Lang[]} */ (Object.keys(loaded));
}

/**
 * The catalogue as the reader's wasm takes it (`provideCatalogue`: the JSON of
 * i18n-strings.js's default export), with the languages loaded so far; the others empty
 * (Rust falls back to English for a missing word, as `t` does here).
 */
export function loadedCatalogueJson() {
  return JSON.stringify({ en, ru: loaded.ru ?? {}, kk: loaded.kk ?? {} });
}

/**
 * The first supported language among `candidates` ("ru-RU" → "ru"), else English.
 * @param {...(string | null | undefined)} candidates
 * @returns {Lang}
 */
export function pickLanguage(...candidates) {
  for (const c of candidates) {
    const primary = (c || "").trim().toLowerCase().split(/[-_]/)[0];
    if (primary === "en" || primary === "ru" || primary === "kk") return primary;
  }
  return "en";
}

/** @param {string} key @returns {key is Key} */
const isKey = (key) => Object.prototype.hasOwnProperty.call(en, key);

/**
 * How numbers are written: Rust's rules (`formatCount`, `formatNumber` from the wasm), the
 * same as the canvas' badges and in every browser (some ship no Kazakh number data).
 * @typedef {object} NumberFormats
 * @property {(n: number, lang: string) => string} formatCount
 * @property {(n: number, lang: string, fraction: number) => string} formatNumber
 */

/** Before the wasm is here nothing shows a number; until then numbers are written plainly. */
const PLAIN = { formatCount: String, formatNumber: String };

/**
 * The strings and number formats of one language (its words once `loadLanguage(lang)`
 * has resolved; English until then).
 * @param {Lang} lang @param {NumberFormats} [formats] Rust's number rules (the embed's wasm)
 * @returns {Translator}
 */
export function translator(lang, formats = PLAIN) {
  const cat = loaded[lang] ?? en; // not loaded (loadLanguage): English
  const plurals = new Intl.PluralRules(lang);
  /** @param {number} n */
  const num = (n) => formats.formatNumber(n, lang, 3);
  /** @param {number} n */
  const count = (n) => formats.formatCount(n, lang); // 1.2K, 118K; "1,2 тыс."; "1,2 мың"
  /** @type {Translator["t"]} */
  const t = (key, vars = {}) => {
    const entry = cat[key] ?? en[key];
    const text = typeof entry === "string" ? entry : pluralForm(entry, plurals, Number(vars.n ?? 0));
    return text.replace(/\{(\w+)\}/g, (m, name) => {
      const v = vars[name];
      return v === undefined ? m : typeof v === "number" ? count(v) : v;
    });
  };
  /** @type {Translator["label"]} */
  const label = (key, fallback) => (isKey(key) ? t(key) : fallback);
  return { lang, t, count, num, label };
}

/**
 * @param {Exclude<Entry, string>} entry @param {Intl.PluralRules} rules @param {number} n
 */
function pluralForm(entry, rules, n) {
  const cat = rules.select(n);
  return (cat === "one" || cat === "few" || cat === "many" ? entry[cat] : undefined) ?? entry.other;
}

/** English, for code that runs before an embed knows its language. */
export const ENGLISH = translator("en");
