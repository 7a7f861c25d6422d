/*
 * The search engine of our worker (worker.js): a query in, Material's results out.
 *
 * The index is in small files (scripts/travinh_site/search/shards.py): terms.json (which term
 * shards exist), t/<key>.json (the words whose first two letters, folded, are <key>, with their
 * postings: page, section, count in the title, count in the text) and p/<n>.json (page n's
 * sections, for the results shown). A query fetches the shards of its words, ranks the
 * sections as Material's lunr did, and fetches the pages of the best results.
 *
 * The words of a query match as they did with Material's lunr search:
 * - by prefix ("chu" finds "chùa"), with diacritics folded where the index folds them
 *   (`lang` "travinh"): "chua ang" and "chùa âng" both find "Chùa Âng";
 * - where the index is stemmed (English), also by stem, with lunr's stemmer: "temples" finds
 *   "temple";
 * - Khmer is cut into the index's words (text.js `cut`, over the words of the shards that can
 *   hold a word of the query); a piece that is not a word of the index is looked for inside
 *   the index's words too (ត្រពាំង finds ព្រះត្រពាំង), after Intl.Segmenter has cut it.
 * Ranking is lunr's (BM25 without length normalisation, Material's field boosts: a word in a
 * title weighs a thousand times one in the text) with Material's boosts (a page's own section,
 * more of the words found) and ours: pages with more of the words typed first, and among them
 * those that write the words typed with tones with the same tones ("chùa" before "chua").
 */
;(function (scope) {
  "use strict"

  const { EDGES, KHMER_RUN, fold, cut, vocabularyOf } = scope.travinhSearch
  const KHMER = /[\u1780-\u17FF\u19E0-\u19FF]/

  const FOLDING = "travinh"
  const KEY_LENGTH = 2  /* as shards.py */
  const INNER_MIN = 3  /* pieces this long are looked for inside words */
  const QUERY_SYNTAX = /[+\-*~^:"]/g
  const PUNCTUATION = /[,.;!?()[\]{}“”‘’«»…/\u17d4\u17d5\u17d6]/g
  const PLAIN_WORD = /^[\p{L}\p{M}\p{N}]+$/u
  const STOP_WORDS = new Set((
    "a able about across after all almost also am among an and any are as at be because been " +
    "but by can cannot could dear did do does either else ever every for from get got had has " +
    "have he her hers him his how however i if in into is it its just least let like likely " +
    "may me might most must my neither no nor not of off often on only or other our own rather " +
    "said say says she should since so some than that the their them then there these they this " +
    "tis to too twas us wants was we were what when where which while who whom why will with " +
    "would yet you your").split(" "))  /* lunr's, as shards.py */

  function travinhEngine(config, root) {
    const stem = scope.travinhStem  /* stemmer.js, loaded where the index is stemmed */
    const folds = config.lang.includes(FOLDING)
    /* The folding language had no stemmer: its lunr pipeline was only trimming and folding. */
    const stems = !folds && config.pipeline.includes("stemmer")
    const stopWords = !folds && config.pipeline.includes("stopWordFilter")
    const separator = new RegExp(config.separator, "u")
    const base = new URL(`${config.prefix || ""}search/`, root)
    const boost = {
      title: (config.fields.title || {}).boost || 1,
      text: (config.fields.text || {}).boost || 1
    }
    const files = new Map()

    /** An index file, fetched once (as the version of this build). */
    function load(path) {
      if (!files.has(path)) {
        const url = new URL(`${path}?v=${config.version}`, base)
        files.set(path, fetch(url).then(response => {
          if (!response.ok)
            throw new Error(`${url}: ${response.status}`)
          return response.json()
        }))
      }
      return files.get(path)
    }

    const manifest = () => load("terms.json")

    /** A word as the index compares it: folded where the index folds. */
    function normal(word) {
      return folds ? fold(word) : word
    }

    /** The term lunr had for a word of the index (folded, or stemmed). */
    function termOf(word) {
      return stems ? stem(normal(word)) : normal(word)
    }

    /** The shard of a word (shards.py `key`): its first two letters, one more for each key of
        the manifest's `split` it starts with. */
    function keyOf(word, split) {
      const letters = Array.from(normal(word))
      let length = Math.min(KEY_LENGTH, letters.length)
      while (split.has(letters.slice(0, length).join("")) && letters.length > length)
        length++
      return letters.slice(0, length).join("")
    }

    function fileOf(key) {
      return `t/${Array.from(key).map(c => c.codePointAt(0).toString(16)).join("-")}.json`
    }

    let known = null
    async function keys() {
      if (known === null) {
        const { keys, split } = await manifest()
        known = { keys: new Set(keys), split: new Set(split) }
      }
      return known
    }

    /** The shards of these words that exist, fetched: key -> shard. */
    async function shards(words) {
      const { keys: existing, split } = await keys()
      const wanted = [...new Set(words.map(word => keyOf(word, split)))]
        .filter(key => existing.has(key))
      const loaded = await Promise.all(wanted.map(key => load(fileOf(key))))
      return new Map(wanted.map((key, i) => [key, loaded[i]]))
    }

    /** The words and pieces of a query: [{ typed, term, inner }]. */
    async function clausesOf(query) {
      const tidy = query
        .replace(QUERY_SYNTAX, " ")
        .replace(PUNCTUATION, " ")
        .toLowerCase()
        .normalize("NFC")
      const clauses = []
      const runs = []
      for (const piece of tidy.split(separator)) {
        const word = piece.replace(EDGES, "")
        if (!word)
          continue
        for (const [run] of word.matchAll(KHMER_RUN))
          runs.push(run)
        for (const part of word.replace(KHMER_RUN, " ").split(/\s+/).filter(Boolean))
          clauses.push({ typed: part, term: normal(part), inner: false })
      }
      if (runs.length) {
        /* Every word of the index that can be in a run starts at one of its letters, and its
           shard is named by its first two letters (or its only one): load those shards, cut
           the run over their words, as the build cut it over all of them. */
        const { split } = await keys()
        const starts = []  /* one word of each shard that a word of the run may be in */
        for (const run of runs)
          for (let i = 0; i < run.length; i++) {
            starts.push(run.slice(i, i + 1))
            let length = KEY_LENGTH
            starts.push(run.slice(i, i + length))
            while (split.has(run.slice(i, i + length)) && i + length < run.length)
              starts.push(run.slice(i, i + ++length))
          }
        const words = []
        for (const shard of (await shards(starts)).values())
          for (const word of Object.keys(shard.w))
            if (KHMER.test(word))
              for (const [run] of word.matchAll(KHMER_RUN))
                words.push(run)
        const vocabulary = vocabularyOf(words)
        const segmenter = typeof Intl !== "undefined" && Intl.Segmenter
          ? new Intl.Segmenter("km", { granularity: "word" })
          : undefined
        for (const run of runs)
          for (const [piece, isWord] of cut(run, vocabulary.words, vocabulary.lengths)) {
            if (isWord) {
              clauses.push({ typed: piece, term: normal(piece), inner: false })
              continue
            }
            const parts = segmenter
              ? [...segmenter.segment(piece)].map(part => part.segment)
              : [piece]
            for (const part of parts)
              clauses.push({ typed: part, term: normal(part), inner: part.length >= INNER_MIN })
          }
      }
      return clauses
    }

    /**
     * The index's terms each clause matches, as lunr matched them: term -> postings.
     * Returns { terms: Map(term -> Map(page:section -> [page, section, title, text])),
     *           matched: clause -> Set(term), forms: term -> Set(word) }.
     */
    async function expand(clauses) {
      const { split } = await keys()
      const shardOf = word => loaded.get(keyOf(word, split))
      const loaded = await shards(clauses.map(clause => clause.term))
      /* Khmer pieces found inside longer words: those words' shards too. */
      const inside = new Map()
      for (const clause of clauses.filter(clause => clause.inner)) {
        const shard = shardOf(clause.term)
        const words = []
        for (const [rest, heads] of Object.entries((shard && shard.s) || {}))
          if (normal(rest).startsWith(clause.term))
            for (const head of heads)
              words.push(head + rest)
        inside.set(clause, words)
      }
      for (const [key, shard] of await shards([...inside.values()].flat()))
        loaded.set(key, shard)

      const postings = new Map()  /* word -> its postings, decoded */
      const forms = new Map()  /* term -> the words of the index with that term */
      const matched = new Map()
      const stemmed = new Map()
      for (const clause of clauses) {
        const terms = new Set()
        const consider = (word, list) => {
          const term = termOf(word)
          if (!postings.has(word)) {
            postings.set(word, decode(list))
            if (!forms.has(term))
              forms.set(term, new Set())
            forms.get(term).add(word)
          }
          terms.add(term)
        }
        const shard = shardOf(clause.term)
        const wanted = stems && PLAIN_WORD.test(clause.term) ? stem(clause.term) : null
        for (const [word, list] of Object.entries((shard && shard.w) || {})) {
          if (!stemmed.has(word))
            stemmed.set(word, termOf(word))
          const term = stemmed.get(word)
          /* lunr: `word*` matched the terms starting with the word (English: the stems), and
             our worker's `word~0` the word's own stem. */
          if (term.startsWith(clause.term) || normal(word).startsWith(clause.term) ||
              term === wanted)
            consider(word, list)
        }
        for (const word of inside.get(clause) || []) {
          const list = ((shardOf(word) || {}).w || {})[word]
          if (list)
            consider(word, list)
        }
        matched.set(clause, terms)
      }
      /* A term's postings: those of all its words (lunr indexed the term, not the words). */
      const terms = new Map()
      for (const [term, words] of forms) {
        const merged = new Map()
        for (const word of words)
          for (const posting of postings.get(word)) {
            const id = `${posting[0]}:${posting[1]}`
            const sum = merged.get(id)
            if (sum) {
              sum[2] += posting[2]
              sum[3] += posting[3]
            } else {
              merged.set(id, [...posting])
            }
          }
        terms.set(term, merged)
      }
      /* Words by section, for the exact-tones ranking: page:section -> Set(word). */
      const wordsIn = new Map()
      for (const words of forms.values())
        for (const word of words)
          for (const [page, section] of postings.get(word)) {
            const id = `${page}:${section}`
            if (!wordsIn.has(id))
              wordsIn.set(id, new Set())
            wordsIn.get(id).add(word)
          }
      return { terms, matched, forms, wordsIn }
    }

    /** A word's postings (shards.py `encode`), as [page, section, in title, in text] each. */
    function decode(list) {
      const out = []
      let page = 0
      for (let i = 0; i < list.length; i += 3) {
        page += list[i]
        out.push([page, list[i + 1], list[i + 2] & 3, list[i + 2] >> 2])
      }
      return out
    }

    /** lunr's scores of the sections (BM25, b = 0, k1 = 1.2; one query vector per field). */
    function score(expanded, clauses, total) {
      const weight = new Map()  /* term -> how many clauses matched it (lunr's query vector) */
      for (const clause of clauses)
        for (const term of expanded.matched.get(clause))
          weight.set(term, (weight.get(term) || 0) + 1)
      const magnitude = Math.sqrt([...weight.values()].reduce((sum, w) => sum + w * w, 0)) || 1
      const scores = new Map()  /* page:section -> [page, section, score, terms] */
      for (const [term, sections] of expanded.terms) {
        let count = 0
        for (const posting of sections.values())
          count += (posting[2] > 0) + (posting[3] > 0)
        const idf = Math.log(1 + Math.abs((total - count + 0.5) / (count + 0.5)))
        const w = weight.get(term) || 0
        for (const [id, [page, section, inTitle, inText]] of sections) {
          const field = (tf, fieldBoost) => tf
            ? Math.round(idf * (2.2 * tf) / (1.2 + tf) * fieldBoost * 1000) / 1000
            : 0
          const value = w * (field(inTitle, boost.title) + field(inText, boost.text)) / magnitude
          const entry = scores.get(id) || [page, section, 0, new Set()]
          entry[2] += value
          entry[3].add(term)
          scores.set(id, entry)
        }
      }
      return scores
    }

    /** The page numbers of the best results, best first, with each one's sections. */
    function rank(expanded, clauses, scores) {
      const words = clauses.map(clause => clause.typed)
      const items = []
      for (const [id, [page, section, value, terms]] of scores) {
        /* Material: the page's own section, and the share of the words found, boost. */
        const found = clauses.filter(clause =>
          [...expanded.matched.get(clause)].some(term => terms.has(term))).length
        const bonus = +(section === 0) + found / (clauses.length || 1)
        items.push({ id, page, section, score: value * (1 + bonus ** 2), terms })
      }
      items.sort((a, b) => b.score - a.score)
      const groups = new Map()
      for (const item of items) {
        if (!groups.has(item.page))
          groups.set(item.page, [])
        groups.get(item.page).push(item)
      }
      const ranked = [...groups.entries()].map(([page, sections]) => {
        /* Ours: more of the words typed first; then more of the words typed with tones written
           with the same tones. (A word typed without tones says nothing about them: "chua" may
           be "chùa" typed on a keyboard without Vietnamese.) */
        const written = new Set()
        for (const item of sections)
          for (const word of expanded.wordsIn.get(item.id) || [])
            if ([...item.terms].some(term => expanded.forms.get(term).has(word)))
              written.add(word)
        const forms = [...written]
        const order = folds
          ? (words.length + 1) * count(words, word =>
              forms.some(form => fold(form).startsWith(fold(word)))) +
            count(words, word => fold(word) !== word && forms.some(form => form.startsWith(word)))
          : 0
        return { page, sections, order }
      })
      ranked.sort((a, b) => b.order - a.order)  /* stable: lunr's order among equals */
      return ranked
    }

    /** Material's result items of one page (its own section first if it matched). */
    function itemsOf(group, page, expanded, clauses, top) {
      const matchedWords = new Set()
      for (const item of group.sections)
        for (const term of item.terms)
          for (const word of expanded.forms.get(term))
            matchedWords.add(word)
      const isMatch = token => matchedWords.has(token)
      const words = clauses.map(clause => clause.typed)
      const item = (section, value, terms) => {
        const [anchor, title, text] = page.s[section]
        const location = anchor ? `${page.l}#${anchor}` : page.l
        const markedTitle = highlight(title, isMatch, true)
        const markedText = highlight(text, isMatch, false)
        const own = [...marked(markedTitle), ...marked(markedText)]
        const found = {}
        for (const clause of clauses)
          found[clause.term] = [...expanded.matched.get(clause)].some(term => terms.has(term))
        for (const clause of clauses)
          if (!found[clause.term] && stopWords && STOP_WORDS.has(clause.term))
            delete found[clause.term]
        return {
          location,
          title: markedTitle,
          text: markedText,
          score: value + group.order * top,  /* Material's Enter key opens the best score */
          terms: rename(found, own, words)
        }
      }
      const items = group.sections.map(entry => item(entry.section, entry.score, entry.terms))
      if (!group.sections.some(entry => entry.section === 0))
        items.push(item(0, 0, new Set()))
      return items
    }

    /**
     * Mark the words of a title or text (HTML) that matched; a text keeps only its blocks
     * (paragraphs, list items) with a match, two at most, as Material showed it.
     */
    function highlight(html, isMatch, full) {
      const blocks = []
      let depth = 0
      let current = ""
      let hit = false
      for (const part of html.split(/(<[^>]*>)/)) {
        if (part.startsWith("<") && part.endsWith(">")) {
          current += part
          if (part.startsWith("</"))
            depth--
          else if (!part.endsWith("/>"))
            depth++
          if (depth <= 0) {
            blocks.push([current, hit])
            ;[current, hit, depth] = ["", false, 0]
          }
          continue
        }
        const [text, found] = markText(part, isMatch)
        current += text
        hit = hit || found
        if (depth <= 0 && current) {
          blocks.push([current, hit])
          ;[current, hit] = ["", false]
        }
      }
      if (current)
        blocks.push([current, hit])
      if (full || !blocks.some(([, found]) => found))
        return blocks.map(([text]) => text).join("")
      return blocks.filter(([, found]) => found).slice(0, 2).map(([text]) => text).join("")
    }

    /** Text with its matching words in <mark>: [text, whether one matched]. */
    function markText(text, isMatch) {
      let out = ""
      let found = false
      let last = 0
      const splitter = new RegExp(separator.source, "gu")
      const visit = (start, end) => {
        const token = text.slice(start, end)
        const core = token.replace(EDGES, "")
        if (core && isMatch(core.toLowerCase().normalize("NFC"))) {
          const at = token.indexOf(core)
          out += text.slice(last, start) + token.slice(0, at) + `<mark>${core}</mark>` +
            token.slice(at + core.length)
          found = true
        } else {
          out += text.slice(last, end)
        }
        last = end
      }
      let index = 0
      for (let match = splitter.exec(text); match; match = splitter.exec(text)) {
        if (match.index > index)
          visit(index, match.index)
        index = match.index + match[0].length
        if (!match[0].length)
          splitter.lastIndex++
      }
      if (index < text.length)
        visit(index, text.length)
      out += text.slice(last)
      return [out, found]
    }

    async function search(query) {
      const clauses = await clausesOf(query)
      if (!clauses.length)
        return []
      const { sections: total } = await manifest()
      const expanded = await expand(clauses)
      const scores = score(expanded, clauses, total)
      /* The best pages only (travinh-search `results`): each is one more file to fetch. */
      const ranked = rank(expanded, clauses, scores).slice(0, config.results || 10)
      const pages = await Promise.all(ranked.map(group => load(`p/${group.page}.json`)))
      const top = Math.max(0, ...ranked.flatMap(group =>
        group.sections.map(item => item.score))) + 1
      return ranked.map((group, i) => {
        const items = itemsOf(group, pages[i], expanded, clauses, top)
        return items.sort((a, b) => b.score - a.score)
      })
    }

    return { search, keyOf }
  }

  const MARK = /<mark>([^<]*)<\/mark>/g

  /** The words a title or text has highlighted, in lower case, without punctuation. */
  function marked(value) {
    const words = []
    for (const [, word] of String(value || "").matchAll(MARK))
      words.push(word.toLowerCase().normalize("NFC").replace(EDGES, ""))
    return words.filter(Boolean)
  }

  function count(values, test) {
    return values.filter(test).length
  }

  /**
   * The terms of one result item ({term: found}), named as the item writes them: each
   * highlighted word is put down to the term it is closest to (the same word folded, a longer
   * word starting with it, a word holding it, a word with the same stem), and a term with words
   * is found under their names ("chua" -> "chùa", "temples" -> "temple"). Material puts the
   * found ones in the result's link (`?h=`, to highlight them on the page) and shows the
   * missing ones. A term without words keeps its found/missing and the form the visitor typed.
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

  scope.travinhEngine = travinhEngine
})(typeof self !== "undefined" ? self : globalThis)
