/*
 * The site's search worker, in place of Material's (the `search` of each page's __config,
 * which the travinh-search plugin points here). It speaks Material's worker protocol: SETUP
 * (the settings of the page's language, from its search_index.json), READY, QUERY (what the
 * visitor typed) and RESULT (Material's results, which Material's search box shows).
 *
 * This file is all a page loads: the engine (engine.js, with text.js and stemmer.js) and the
 * index files are fetched only once the visitor has typed something, and only the index files
 * the query needs (scripts/travinh_site/search/shards.py).
 */

/* Material's SearchMessageType */
const SETUP = 0
const READY = 1
const QUERY = 2
const RESULT = 3

/* A search runs once the visitor has stopped typing for this long (as Pagefind's search box
   waits 300 ms): each letter typed would otherwise fetch the pages of its own results. */
const PAUSE = 250

let config = null
let engine = null
let latest = null  /* the last query typed: only its results are worth showing */
let running = Promise.resolve()
let waiting = null

addEventListener("message", ({ data: message }) => {
  if (message.type === SETUP) {
    config = message.data.config
    postMessage({ type: READY })
  } else if (message.type === QUERY) {
    const query = latest = message.data
    clearTimeout(waiting)
    waiting = setTimeout(() => {
      running = running.then(() => answer(query))
    }, query.trim() ? PAUSE : 0)
  }
})

/** Search for one query, unless the visitor has typed on since (its answer would flicker). */
async function answer(query) {
  if (query !== latest)
    return
  let items = []
  if (query.trim()) {
    try {
      if (engine === null) {
        const stems = !config.lang.includes("travinh") && config.pipeline.includes("stemmer")
        importScripts("text.js", ...stems ? ["stemmer.js"] : [], "engine.js")
        engine = self.travinhEngine(config, new URL("../../../", location.href))
      }
      items = await engine.search(query)
    } catch (error) {
      console.warn(`Search failed for ${query}:`, error)
    }
  }
  if (query === latest)
    postMessage({ type: RESULT, data: { items } })
}
