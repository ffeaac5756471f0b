// The one catalogue of farmmap's interface strings, in English, Russian and Kazakh (Cyrillic),
// and the numbers written through Intl. Story text is the story's own (data); words Rust
// writes (status, precision and node-kind labels) are translated here by their key.
// `translator(lang)` gives one embed its `t`; each embed may have its own language.
//
// For a human reviewer: phrases marked "REVIEW" were written without a native speaker's
// check (mostly Kazakh); the Russian and Kazakh were written for readers of news sites.

/** @typedef {"en" | "ru" | "kk"} Lang */
/** @typedef {string | {one: string, few?: string, many?: string, other: string}} Entry */
/** @typedef {Record<string, string | number>} Vars */

/**
 * @typedef {object} Translator
 * @property {Lang} lang
 * @property {(key: Key, vars?: Vars) => string} t the string for `key`, with {name} filled from
 *   `vars` (plural form by `vars.n`); numbers are written as counts (compact from 1,000), strings as they are
 * @property {(n: number) => string} count a count, abbreviated (1.2K / 118K; "1,2 тыс.")
 * @property {(n: number) => string} num a number in the language's format (118 330; 1,5)
 * @property {(key: string, fallback: string) => string} label a Rust label by its key (status, precision, node kind)
 */

const en = {
  story: "Story",
  selectedFarm: "Selected farm",
  network: "Ownership network",
  networkRole: "network diagram",
  charts: "Charts",
  views: "Map and network",
  tabMap: "Map",
  tabNetwork: "Network",
  mapRole: "map",
  mapLabel: "Map of farms. Tab moves between farms and clusters, Enter opens one, Escape goes back; arrow keys pan, plus and minus zoom, 0 resets.",
  zoomIn: "Zoom in",
  zoomOut: "Zoom out",
  resetView: "Reset the view",
  wheelHint: "Use Ctrl + scroll to zoom the map",
  clusterFocus: { one: "Cluster of {n} farm: {summary}. Enter zooms in.", other: "Cluster of {n} farms: {summary}. Enter zooms in." },
  clickToZoom: "Click to zoom in",
  selected: "Selected {name}. {status}.",
  clusterSpread: "{n} farms at one place, spread out: {summary}",
  clusterZoom: { one: "Zooming into a cluster of {n} farm", other: "Zooming into a cluster of {n} farms" },
  spreadClosed: "Spread-out farms closed",
  source: "Source:",
  prev: "← Previous",
  next: "Next →",
  stepCount: "Step {i} of {n}",
  legend: "Legend",
  legendGroups: "Clusters: the ring shows who the farms are tied to",
  badge: "A number on a cluster is how many farms it holds. “3/12” means 3 of its 12 farms are highlighted in this step.",
  illustrativeStory: "Illustrative locations: {note}",
  illustrativeAll: "Illustrative locations: the source does not give where the farms were, so all farm sites on this map are placed for illustration within a region (drawn as dashed halos).",
  illustrativeSome: { one: "Illustrative locations: the source does not give where the farms were, so {n} farm site on this map is placed for illustration within a region (drawn as a dashed halo).", other: "Illustrative locations: the source does not give where the farms were, so {n} farm sites on this map are placed for illustration within a region (drawn as dashed halos)." },
  basemap: "Basemap: {list}",
  netLabel: "Ownership network: who the farms are tied to. Tab moves between people, companies and farms, Enter selects one and lights its farms on the map, Escape clears; arrow keys pan, plus and minus zoom, 0 fits.",
  tieSource: "source: {host}",
  noTieSource: "no source given",
  alleged: "alleged; ",
  netZoomIn: "Zoom the network in",
  netZoomOut: "Zoom the network out",
  netReset: "Show the whole network",
  netFarmOwners: { one: "Selected {name}. {n} owner, director or relative above it lit in the network.", other: "Selected {name}. {n} owners, directors or relatives above it lit in the network." },
  netFarmNoOwner: "Selected {name}. No owner named.",
  netNodeFarms: { one: "{name}: {n} farm they may control lit on the map, and the chain leading there in the network.", other: "{name}: {n} farms they may control lit on the map, and the chain leading there in the network." },
  netNodeNoFarms: "{name}: no farm tied to them through ownership or control; their own ties are lit.",
  netPinned: "Node pinned where you dropped it",
  netCleared: "Network selection cleared",
  netFocus: { one: "{name}, {kind}. {n} tie{ties} Enter selects.", other: "{name}, {kind}. {n} ties{ties} Enter selects." },
  lineReported: "reported tie",
  lineAlleged: "alleged tie (the source hedges)",
  lineArrow: "direction: owns, directs, runs, pays",
  lineFormer: "former tie (ended, closed or replaced)",
  lineMoney: "money flow (payer → payee)",
  netNoTies: "No ties between the farms and named people or companies in this data.",
  netHiddenFarms: { one: "{n} farm with no owner named by the source is not shown.", other: "{n} farms with no owner named by the source are not shown." },
  netHiddenOthers: { one: "{n} other name with no tie is not shown.", other: "{n} other names with no tie are not shown." },
  netLeftOut: "This network is too large to draw whole: only its {shown} best-connected names are drawn; {n} more with ties are left out.",
  finderLabel: "How is one name connected to another?",
  finderFrom: "From",
  finderTo: "To",
  finderBetween: "to",
  finderGo: "Show connection",
  finderTitle: "How is A connected to B?",
  finderSame: "Pick two different names.",
  finderNone: "{a} and {b} are not connected in this data.",
  chartKeys: "{title}: select a bar to highlight its farms",
  chartUnknown: "(+{n} unknown)",
  mw: "{n} MW",
  chartLit: { one: "{n} farm highlighted: {key}", other: "{n} farms highlighted: {key}" },
  chartCleared: "Highlight cleared",
  tableSummary: "Table view: every farm and tie as a sentence",
  tableTies: "Ties ({n})",
  tableFarms: "Farms ({n})",
  tiedTo: "Tied to: {owner}",
  ownerUnnamed: "Owner not named by the source",
  sourceHost: "Source: {host}",
  noSource: "No source given",
  nothingSelected: "Select a farm on the map to see its details and source.",
  dtTiedTo: "Tied to",
  ddUnnamed: "not named by the source",
  dtStatus: "Status",
  dtCapacity: "Capacity",
  ddUnknown: "not known",
  dtLocation: "Location",
  farmFocus: "{name}. {status}, {precision}.{owner} Enter for details.",
  farmFocusOwner: " Tied to {owner}.",
  downloadPng: "Download PNG",
  downloadSvg: "Download SVG",
  pngFailed: "The PNG could not be made: {message}",
  notShown: "This map could not be shown",
  stopped: "The map stopped",
  reload: "Reload the map",
  placeholder: "The map loads when you scroll to it.",
  // Degrade, never die: a panel's own error, long lists a window at a time.
  panelChart: "This chart could not be drawn",
  panelNetwork: "This network pane could not be drawn",
  panelTable: "This table could not be drawn",
  panelLegend: "This legend could not be drawn",
  tableTiesList: "Ties",
  tableFarmsList: "Farms",
  moreTies: "Show {page} more ({shown} of {total} ties shown)",
  moreFarms: "Show {page} more ({shown} of {total} farms shown)",
  finderFilter: "Filter “{label}”",
  finderFilterLabel: "Filter the “{label}” names",
  finderCount: "{shown} of {total} names listed",
  finderCountMatching: "{shown} of {total} matching names listed",
  finderFilterMore: "; filter to find others",
  tiesMore: { one: "and {n} more tie", other: "and {n} more ties" },
  netFocusMore: { one: " And {n} more tie.", other: " And {n} more ties." },
  // A load in slices (loading.js): {count} is the number written out, {pct} the percentage.
  loadingFarms: { one: "Loading {count} farm… {pct} %", other: "Loading {count} farms… {pct} %" },
  clusteringFarms: { one: "Clustering {count} farm… {pct} %", other: "Clustering {count} farms… {pct} %" },
  farmsLoaded: { one: "{count} farm loaded", other: "{count} farms loaded" },
  // Rust's labels, by key.
  "status.operating": "operating",
  "status.shut down": "shut down",
  "status.unknown": "status unknown",
  "precision.exact": "exact site",
  "precision.city": "approximate (city)",
  "precision.region": "approximate (region)",
  "kind.farm": "farm",
  "kind.company": "company",
  "kind.person": "person",
  "kind.public body": "public body",
  "kind.organisation": "organisation",
};

/** @typedef {keyof typeof en} Key */
/** @typedef {Record<Key, Entry>} Catalogue */

/** @type {Catalogue} */
const ru = {
  story: "Сюжет",
  selectedFarm: "Выбранная ферма",
  network: "Сеть владельцев",
  networkRole: "схема связей",
  charts: "Графики",
  views: "Карта и сеть",
  tabMap: "Карта",
  tabNetwork: "Связи",
  mapRole: "карта",
  mapLabel: "Карта ферм. Tab переходит между фермами и кластерами, Enter открывает, Escape возвращает назад; стрелки сдвигают карту, плюс и минус меняют масштаб, 0 возвращает исходный вид.",
  zoomIn: "Приблизить",
  zoomOut: "Отдалить",
  resetView: "Вернуть исходный вид",
  wheelHint: "Чтобы изменить масштаб, крутите колесо мыши с нажатой Ctrl",
  clusterFocus: { one: "Кластер из {n} фермы: {summary}. Enter — приблизить.", few: "Кластер из {n} ферм: {summary}. Enter — приблизить.", many: "Кластер из {n} ферм: {summary}. Enter — приблизить.", other: "Кластер из {n} фермы: {summary}. Enter — приблизить." },
  clickToZoom: "Нажмите, чтобы приблизить",
  selected: "Выбрано: {name}. {status}.",
  clusterSpread: "Фермы в одной точке ({n}) разведены веером: {summary}",
  clusterZoom: { one: "Приближаем кластер из {n} фермы", few: "Приближаем кластер из {n} ферм", many: "Приближаем кластер из {n} ферм", other: "Приближаем кластер из {n} фермы" },
  spreadClosed: "Фермы снова собраны в точку",
  source: "Источник:",
  prev: "← Назад",
  next: "Далее →",
  stepCount: "Шаг {i} из {n}",
  legend: "Условные обозначения",
  legendGroups: "Кластеры: кольцо показывает, с кем связаны фермы",
  badge: "Число на кластере — сколько в нём ферм. «3/12» значит, что на этом шаге выделены 3 фермы из 12.",
  illustrativeStory: "Условное расположение: {note}",
  illustrativeAll: "Условное расположение: источник не сообщает, где находились фермы, поэтому все фермы на этой карте размещены условно в пределах региона (показаны пунктирным ореолом).",
  illustrativeSome: { one: "Условное расположение: источник не сообщает, где находились фермы, поэтому {n} ферма на этой карте размещена условно в пределах региона (показана пунктирным ореолом).", few: "Условное расположение: источник не сообщает, где находились фермы, поэтому {n} фермы на этой карте размещены условно в пределах региона (показаны пунктирным ореолом).", many: "Условное расположение: источник не сообщает, где находились фермы, поэтому {n} ферм на этой карте размещены условно в пределах региона (показаны пунктирным ореолом).", other: "Условное расположение: источник не сообщает, где находились фермы, поэтому {n} фермы на этой карте размещены условно в пределах региона (показаны пунктирным ореолом)." },
  basemap: "Подложка: {list}",
  netLabel: "Сеть владельцев: с кем связаны фермы. Tab переходит между людьми, компаниями и фермами, Enter выбирает и подсвечивает их фермы на карте, Escape снимает выбор; стрелки сдвигают схему, плюс и минус меняют масштаб, 0 показывает всю сеть.",
  tieSource: "источник: {host}",
  noTieSource: "источник не указан",
  alleged: "предположительно; ",
  netZoomIn: "Приблизить схему",
  netZoomOut: "Отдалить схему",
  netReset: "Показать всю сеть",
  netFarmOwners: "Выбрано: {name}. Связанные с ней владельцы, директора и родственники ({n}) подсвечены в сети.",
  netFarmNoOwner: "Выбрано: {name}. Владелец не назван.",
  netNodeFarms: "{name}: фермы, которые могут быть под их контролем ({n}), подсвечены на карте, а цепочка к ним — в сети.",
  netNodeNoFarms: "{name}: нет ферм, связанных владением или контролем; подсвечены их собственные связи.",
  netPinned: "Узел закреплён там, где вы его отпустили",
  netCleared: "Выбор в сети снят",
  netFocus: "{name}, {kind}. Связей: {n}{ties} Enter — выбрать.",
  lineReported: "связь по данным источника",
  lineAlleged: "предполагаемая связь (источник делает оговорку)",
  lineArrow: "направление: владеет, управляет, руководит, платит",
  lineFormer: "прежняя связь (прекращена, закрыта или заменена)",
  lineMoney: "денежный поток (плательщик → получатель)",
  netNoTies: "В этих данных нет связей между фермами и названными людьми или компаниями.",
  netHiddenFarms: { one: "{n} ферма, владельца которой источник не называет, не показана.", few: "{n} фермы, владельцев которых источник не называет, не показаны.", many: "{n} ферм, владельцев которых источник не называет, не показаны.", other: "{n} фермы, владельцев которых источник не называет, не показаны." },
  netHiddenOthers: { one: "{n} другое имя без связей не показано.", few: "{n} других имени без связей не показаны.", many: "{n} других имён без связей не показаны.", other: "{n} другого имени без связей не показаны." },
  netLeftOut: "Сеть слишком велика, чтобы показать её целиком: показаны {shown} самых связанных имён; ещё {n} со связями не показаны.",
  finderLabel: "Как одно имя связано с другим?",
  finderFrom: "Первое имя",
  finderTo: "Второе имя",
  finderBetween: "и",
  finderGo: "Показать связь",
  finderTitle: "Как связаны А и Б?",
  finderSame: "Выберите два разных имени.",
  finderNone: "В этих данных {a} и {b} не связаны.",
  chartKeys: "{title}: выберите столбец, чтобы выделить его фермы",
  chartUnknown: "(+{n} неизв.)",
  mw: "{n} МВт",
  chartLit: "Выделено ферм: {n} ({key})",
  chartCleared: "Выделение снято",
  tableSummary: "Таблица: каждая ферма и каждая связь одной фразой",
  tableTies: "Связи ({n})",
  tableFarms: "Фермы ({n})",
  tiedTo: "Связана с: {owner}",
  ownerUnnamed: "Владельца источник не называет",
  sourceHost: "Источник: {host}",
  noSource: "Источник не указан",
  nothingSelected: "Выберите ферму на карте, чтобы увидеть подробности и источник.",
  dtTiedTo: "Связана с",
  ddUnnamed: "источник не называет",
  dtStatus: "Статус",
  dtCapacity: "Мощность",
  ddUnknown: "неизвестна",
  dtLocation: "Место",
  farmFocus: "{name}. {status}, {precision}.{owner} Enter — подробности.",
  farmFocusOwner: " Связана с: {owner}.",
  downloadPng: "Скачать PNG",
  downloadSvg: "Скачать SVG",
  pngFailed: "Не удалось сделать PNG: {message}",
  notShown: "Не удалось показать карту",
  stopped: "Карта остановилась",
  reload: "Перезагрузить карту",
  placeholder: "Карта загрузится, когда вы до неё дойдёте.",
  panelChart: "Не удалось построить график",
  panelNetwork: "Не удалось показать сеть владельцев",
  panelTable: "Не удалось заполнить таблицу",
  panelLegend: "Не удалось показать условные обозначения",
  tableTiesList: "Связи",
  tableFarmsList: "Фермы",
  moreTies: { one: "Показать ещё {page} (показано {shown} из {total} связи)", other: "Показать ещё {page} (показано {shown} из {total} связей)" },
  moreFarms: { one: "Показать ещё {page} (показано {shown} из {total} фермы)", other: "Показать ещё {page} (показано {shown} из {total} ферм)" },
  finderFilter: "Фильтр: «{label}»",
  finderFilterLabel: "Отфильтровать список «{label}»",
  finderCount: { one: "Показано {shown} из {total} имени", other: "Показано {shown} из {total} имён" },
  finderCountMatching: { one: "Показано {shown} из {total} подходящего имени", other: "Показано {shown} из {total} подходящих имён" },
  finderFilterMore: "; остальные можно найти через фильтр",
  tiesMore: { one: "и ещё {n} связь", few: "и ещё {n} связи", many: "и ещё {n} связей", other: "и ещё {n} связи" },
  netFocusMore: { one: " И ещё {n} связь.", few: " И ещё {n} связи.", many: " И ещё {n} связей.", other: " И ещё {n} связи." },
  loadingFarms: "Загрузка ферм: {count}… {pct} %",
  clusteringFarms: "Кластеризация ферм: {count}… {pct} %",
  farmsLoaded: "Загружено ферм: {count}",
  "status.operating": "работает",
  "status.shut down": "закрыта",
  "status.unknown": "статус неизвестен",
  "precision.exact": "точное место",
  "precision.city": "приблизительно (город)",
  "precision.region": "приблизительно (регион)",
  "kind.farm": "ферма",
  "kind.company": "компания",
  "kind.person": "человек",
  "kind.public body": "госорган",
  "kind.organisation": "организация",
};

// Kazakh: numerals take the singular noun, so one form serves every count.
/** @type {Catalogue} */
const kk = {
  story: "Сюжет", // REVIEW: "Сюжет" as the step card's name (also "Баяндау")
  selectedFarm: "Таңдалған ферма",
  network: "Меншік иелерінің желісі",
  networkRole: "байланыстар сызбасы",
  charts: "Диаграммалар",
  views: "Карта және желі",
  tabMap: "Карта",
  tabNetwork: "Байланыстар",
  mapRole: "карта",
  mapLabel: "Фермалар картасы. Tab фермалар мен кластерлер арасында ауысады, Enter ашады, Escape артқа қайтарады; бағыт пернелері картаны жылжытады, плюс пен минус масштабты өзгертеді, 0 бастапқы көрініске қайтарады.",
  zoomIn: "Жақындату",
  zoomOut: "Алыстату",
  resetView: "Бастапқы көрініс",
  wheelHint: "Масштабты өзгерту үшін Ctrl пернесін басып тұрып, тышқан дөңгелегін айналдырыңыз",
  clusterFocus: "{n} фермадан тұратын кластер: {summary}. Enter — жақындату.",
  clickToZoom: "Жақындату үшін басыңыз",
  selected: "Таңдалды: {name}. {status}.",
  clusterSpread: "Бір жердегі {n} ферма жайып көрсетілді: {summary}", // REVIEW
  clusterZoom: "{n} фермадан тұратын кластерге жақындап жатыр", // REVIEW
  spreadClosed: "Жайылған фермалар қайта жиналды", // REVIEW
  source: "Дереккөз:",
  prev: "← Артқа",
  next: "Келесі →",
  stepCount: "{n} қадамның {i}-і", // REVIEW: ordinal suffix; "{i}-қадам / {n}" is the alternative
  legend: "Шартты белгілер",
  legendGroups: "Кластерлер: шеңбер фермалардың кіммен байланысты екенін көрсетеді",
  badge: "Кластердегі сан — ондағы фермалар саны. «3/12» осы қадамда 12 ферманың 3-еуі белгіленгенін білдіреді.", // REVIEW
  illustrativeStory: "Шартты орналасу: {note}",
  illustrativeAll: "Шартты орналасу: дереккөз фермалардың қай жерде болғанын айтпайды, сондықтан бұл картадағы барлық ферма аймақ ішінде шартты түрде орналастырылған (үзік сызықты шеңбермен көрсетілген).", // REVIEW
  illustrativeSome: "Шартты орналасу: дереккөз фермалардың қай жерде болғанын айтпайды, сондықтан бұл картадағы {n} ферма аймақ ішінде шартты түрде орналастырылған (үзік сызықты шеңбермен көрсетілген).", // REVIEW
  basemap: "Негізгі карта: {list}",
  netLabel: "Меншік иелерінің желісі: фермалар кіммен байланысты. Tab адамдар, компаниялар және фермалар арасында ауысады, Enter біреуін таңдап, оның фермаларын картада белгілейді, Escape таңдауды алып тастайды; бағыт пернелері сызбаны жылжытады, плюс пен минус масштабты өзгертеді, 0 бүкіл желіні көрсетеді.",
  tieSource: "дереккөз: {host}",
  noTieSource: "дереккөз көрсетілмеген",
  alleged: "болжам; ", // REVIEW
  netZoomIn: "Желіні жақындату",
  netZoomOut: "Желіні алыстату",
  netReset: "Бүкіл желіні көрсету",
  netFarmOwners: "Таңдалды: {name}. Желіде оған байланысты {n} иесі, директоры немесе туысы белгіленді.", // REVIEW
  netFarmNoOwner: "Таңдалды: {name}. Иесі аталмаған.",
  netNodeFarms: "{name}: бақылауында болуы мүмкін {n} ферма картада, ал оларға апаратын тізбек желіде белгіленді.", // REVIEW
  netNodeNoFarms: "{name}: меншік немесе бақылау арқылы байланысты ферма жоқ; өз байланыстары белгіленді.", // REVIEW
  netPinned: "Түйін сіз қойған жерде бекітілді",
  netCleared: "Желідегі таңдау алынды",
  netFocus: "{name}, {kind}. Байланыстар: {n}{ties} Enter — таңдау.",
  lineReported: "дереккөз хабарлаған байланыс",
  lineAlleged: "болжамды байланыс (дереккөз сақтықпен айтады)", // REVIEW
  lineArrow: "бағыты: иеленеді, басқарады, жетекшілік етеді, төлейді",
  lineFormer: "бұрынғы байланыс (тоқтатылған, жабылған немесе ауыстырылған)", // REVIEW
  lineMoney: "ақша ағыны (төлеуші → алушы)", // REVIEW
  netNoTies: "Бұл деректерде фермалар мен аты аталған адамдар немесе компаниялар арасында байланыс жоқ.",
  netHiddenFarms: "Дереккөз иесін атамаған {n} ферма көрсетілмеген.",
  netHiddenOthers: "Байланысы жоқ тағы {n} атау көрсетілмеген.",
  netLeftOut: "Желі толық көрсетуге тым үлкен: ең көп байланысқан {shown} атау ғана көрсетілген; байланысы бар тағы {n} атау көрсетілмеген.", // REVIEW
  finderLabel: "Бір атау екіншісімен қалай байланысты?",
  finderFrom: "Бірінші атау",
  finderTo: "Екінші атау",
  finderBetween: "және",
  finderGo: "Байланысты көрсету",
  finderTitle: "А мен Б қалай байланысты?",
  finderSame: "Екі түрлі атауды таңдаңыз.",
  finderNone: "Бұл деректерде {a} және {b} арасында байланыс жоқ.",
  chartKeys: "{title}: фермаларын белгілеу үшін бағанды таңдаңыз",
  chartUnknown: "(+{n} белгісіз)",
  mw: "{n} МВт",
  chartLit: "Белгіленген фермалар: {n} ({key})",
  chartCleared: "Белгілеу алынды",
  tableSummary: "Кесте: әр ферма мен әр байланыс бір сөйлеммен",
  tableTies: "Байланыстар ({n})",
  tableFarms: "Фермалар ({n})",
  tiedTo: "Байланысты: {owner}",
  ownerUnnamed: "Дереккөз иесін атамайды",
  sourceHost: "Дереккөз: {host}",
  noSource: "Дереккөз көрсетілмеген",
  nothingSelected: "Толық мәлімет пен дереккөзді көру үшін картадан ферманы таңдаңыз.",
  dtTiedTo: "Байланысты",
  ddUnnamed: "дереккөз атамайды",
  dtStatus: "Күйі",
  dtCapacity: "Қуаты",
  ddUnknown: "белгісіз",
  dtLocation: "Орны",
  farmFocus: "{name}. {status}, {precision}.{owner} Enter — толығырақ.",
  farmFocusOwner: " Байланысты: {owner}.",
  downloadPng: "PNG жүктеп алу",
  downloadSvg: "SVG жүктеп алу",
  pngFailed: "PNG жасалмады: {message}",
  notShown: "Картаны көрсету мүмкін болмады",
  stopped: "Карта тоқтап қалды",
  reload: "Картаны қайта жүктеу",
  placeholder: "Осы жерге жеткенде карта жүктеледі.",
  panelChart: "Диаграмманы салу мүмкін болмады",
  panelNetwork: "Меншік иелерінің желісін көрсету мүмкін болмады",
  panelTable: "Кестені толтыру мүмкін болмады",
  panelLegend: "Шартты белгілерді көрсету мүмкін болмады",
  tableTiesList: "Байланыстар",
  tableFarmsList: "Фермалар",
  moreTies: "Тағы {page} көрсету (көрсетілгені: {shown} / {total} байланыс)", // REVIEW
  moreFarms: "Тағы {page} көрсету (көрсетілгені: {shown} / {total} ферма)", // REVIEW
  finderFilter: "Сүзгі: «{label}»",
  finderFilterLabel: "«{label}» тізімін сүзу",
  finderCount: "Тізімде: {shown} / {total} атау", // REVIEW
  finderCountMatching: "Тізімде: {shown} / {total} сәйкес атау", // REVIEW
  finderFilterMore: "; басқаларын табу үшін сүзгіні қолданыңыз", // REVIEW
  tiesMore: "және тағы {n} байланыс",
  netFocusMore: " Және тағы {n} байланыс.",
  loadingFarms: "Фермалар жүктелуде: {count}… {pct} %", // REVIEW
  clusteringFarms: "Фермалар кластерленуде: {count}… {pct} %", // REVIEW
  farmsLoaded: "Жүктелген фермалар: {count}", // REVIEW
  "status.operating": "жұмыс істеп тұр",
  "status.shut down": "жабылған",
  "status.unknown": "күйі белгісіз",
  "precision.exact": "нақты орны",
  "precision.city": "шамамен (қала)",
  "precision.region": "шамамен (өңір)",
  "kind.farm": "ферма",
  "kind.company": "компания",
  "kind.person": "адам",
  "kind.public body": "мемлекеттік орган",
  "kind.organisation": "ұйым",
};

/** @type {Record<Lang, Catalogue>} */
export const CATALOGUE = { en, ru, kk };

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
 * The strings and number formats of one language.
 * @param {Lang} lang
 * @returns {Translator}
 */
export function translator(lang) {
  const cat = CATALOGUE[lang];
  const plurals = new Intl.PluralRules(lang);
  const number = new Intl.NumberFormat(lang);
  // Kazakh's short form for thousands ("118 м.") reads as metres; its long form is short enough.
  const display = lang === "kk" ? "long" : "short";
  /** @param {number} digits */
  const compactWith = (digits) => new Intl.NumberFormat(lang, { notation: "compact", compactDisplay: display, maximumFractionDigits: digits });
  const compact1 = compactWith(1), compact0 = compactWith(0);
  /** @param {number} n */
  const num = (n) => number.format(n);
  /** @param {number} n */
  const count = (n) => {
    if (!Number.isFinite(n) || Math.abs(n) < 1000) return number.format(n);
    const lead = Math.abs(n) / 1000 ** Math.floor(Math.log10(Math.abs(n)) / 3);
    return (lead >= 99.95 ? compact0 : compact1).format(n); // 1.2K, 11.8K, 118K
  };
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
