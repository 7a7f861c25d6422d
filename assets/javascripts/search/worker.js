/*
 * The site's search worker: Material's search worker, started behind a thin adapter.
 *
 * Material lets a site replace its search worker (`search` in the page's __config, which
 * overrides/main.html points here); the page and the worker talk in Material's messages
 * (SETUP, READY, QUERY, RESULT). This worker passes them on to Material's worker, whose URL it
 * gets as `?material=`, and adapts two of them:
 *
 * - QUERY: punctuation is dropped; Khmer is cut into the index's words (text.js:
 *   `cutKhmerQuery`); where the index folds diacritics (its lunr language is "travinh"), the
 *   query is folded too, so that "chùa âng" and "chua ang" both find "Chùa Âng"; where the
 *   index is stemmed, each word is also looked for by its stem ("temples" finds "temple":
 *   Material adds a `*` to every word, and lunr does not stem a word with a `*`).
 * - RESULT: pages with more of the words typed come first and, among them, those that write
 *   the words typed with tones with the same tones ("chùa" before "chúa" and "chua" for
 *   "chùa"); and the terms each result matched are named as
 *   they are written in it (Material shows the missing ones, and puts the found ones in the
 *   result's link, `?h=`, to highlight them on the page).
 */
importScripts("text.js")

const { EDGES, fold, khmerVocabulary, cutKhmerQuery } = self.travinhSearch

/* Material's SearchMessageType */
const SETUP = 0
const QUERY = 2
const RESULT = 3

const FOLDING = "travinh"
const MARK = /<mark>([^<]*)<\/mark>/g
const QUERY_SYNTAX = /[+\-*~^:"]/g
const PUNCTUATION = /[,.;!?()[\]{}“”‘’«»…/\u17d4\u17d5\u17d6]/g
const PLAIN_WORD = /^[\p{L}\p{M}\p{N}]+$/u

const material = new Worker(
  new URL(new URL(location.href).searchParams.get("material"), location.href)
)

let index = { folds: false, stems: false, vocabulary: khmerVocabulary([]) }
const pending = []  /* queries passed on and not answered yet, oldest first */

addEventListener("message", ({ data: message }) => {
  if (message.type === SETUP) {
    const { config, docs } = message.data
    index = {
      folds: config.lang.includes(FOLDING),
      stems: config.pipeline.includes("stemmer"),
      vocabulary: khmerVocabulary(docs)
    }
  } else if (message.type === QUERY) {
    pending.push(message.data)
    message = { ...message, data: prepare(message.data) }
  }
  material.postMessage(message)
})

material.addEventListener("message", ({ data: message }) => {
  if (message.type === RESULT) {
    const typed = pending.shift() || ""
    message = { ...message, data: adapt(message.data, typed) }
  }
  postMessage(message)
})

/** The query Material's worker gets for the query typed. */
function prepare(typed) {
  let query = cutKhmerQuery(typed.replace(PUNCTUATION, " "), index.vocabulary)
  if (index.folds)
    query = fold(query)
  if (index.stems)
    query = query
      .split(/\s+/)
      .map(word => PLAIN_WORD.test(word) ? `${word}~0 ${word}` : word)
      .join(" ")
  return query
}

/** The words a result item has highlighted, in lower case, without punctuation. */
function marked(item) {
  const words = []
  for (const value of [item.title, item.text])
    for (const [, word] of String(value || "").matchAll(MARK))
      words.push(word.toLowerCase().normalize("NFC").replace(EDGES, ""))
  return words.filter(Boolean)
}

/** Results with the words typed, tones included, first; terms named as the pages write them. */
function adapt(result, typed) {
  const words = typed
    .replace(QUERY_SYNTAX, " ")
    .replace(PUNCTUATION, " ")
    .toLowerCase()
    .normalize("NFC")
    .split(/\s+/)
    .filter(Boolean)
  const top = Math.max(0, ...result.items.flat().map(item => item.score)) + 1
  const groups = result.items.map(items => {
    const found = items.flatMap(marked)
    /* Pages with more of the words typed first; among them, those with more of the words
       typed with tones written with the same tones; among them, Material's order. (A word
       typed without tones says nothing about them: "chua" may be "chùa" typed on a keyboard
       without Vietnamese.) */
    const rank = index.folds
      ? (words.length + 1) * count(words, word => found.some(form =>
          fold(form).startsWith(fold(word)))) +
        count(words, word => fold(word) !== word && found.some(form => form.startsWith(word)))
      : 0
    return {
      rank,
      items: items.map(item => ({
        ...item,
        score: item.score + rank * top,  /* Material's Enter key opens the best score */
        terms: rename(item.terms, marked(item), words)
      }))
    }
  })
  groups.sort((a, b) => b.rank - a.rank)  /* stable: Material's order among equals */
  return { ...result, items: groups.map(group => group.items) }
}

function count(values, test) {
  return values.filter(test).length
}

/**
 * Material's terms of one result item ({term: found}), named as the item writes them: each
 * highlighted word is put down to the term it is closest to (the same word folded, a longer
 * word starting with it, a word holding it, a word with the same stem), and a term with words
 * is found under their names ("chua" -> "chùa", "temples" -> "temple"). Material judges found
 * only the words that start with the term as it reached lunr, so it would call "chùa" missing
 * from a page found through "chua", and ត្រពាំង missing from one found through ព្រះត្រពាំង.
 * A term without words keeps its found/missing and the form the visitor typed.
 */
function rename(terms, own, words) {
  const keys = Object.keys(terms)
  const forms = new Map(keys.map(term => [term, []]))
  for (const form of own) {
    const [best] = keys
      .map(term => [term, closeness(term, form)])
      .filter(([, score]) => score > 0)
      .sort((a, b) => b[1] - a[1])
    if (best)
      forms.get(best[0]).push(form)
  }
  const named = {}
  for (const [term, isFound] of Object.entries(terms)) {
    if (forms.get(term).length)
      for (const form of forms.get(term)) named[form] = true
    else
      named[isFound ? term : words.find(word => fold(word) === fold(term)) || term] = isFound
  }
  return named
}

/** How close a highlighted word is to a term; 0 when it cannot come from it. */
function closeness(term, form) {
  const [t, f] = [fold(term), fold(form)]
  if (f.startsWith(t))
    return 3 * t.length
  if (t.length >= 3 && f.includes(t))
    return 2 * t.length
  let common = 0
  while (common < Math.min(t.length, f.length) && t[common] === f[common])
    common++
  return common >= Math.max(3, Math.min(t.length, f.length) - 3) ? common : 0
}
