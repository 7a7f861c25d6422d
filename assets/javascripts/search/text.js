/*
 * Text rules of the site's search, shared by our search engine (engine.js) and the tests. The
 * build applies the same rules in Python (scripts/travinh_site/text/khmer.py: the Khmer cut;
 * scripts/travinh_site/search/shards.py: folding, trimming); tests check that both agree.
 */
;(function (scope) {
  "use strict"

  /* A run of Khmer letters, signs and digits; Khmer punctuation ends a run (as in khmer.py). */
  const KHMER_RUN =
    /[\u1780-\u17D3\u17D7\u17DC\u17DD\u17E0-\u17E9\u17F0-\u17F9\u19E0-\u19FF]+/g

  /* Latin combining diacritics (Vietnamese tones and vowel marks), once decomposed. */
  const DIACRITICS = /[\u0300-\u036f]/g

  /* Letters, marks (Khmer vowel signs are marks) and digits: what a word keeps at its ends. */
  const EDGES = /^[^\p{L}\p{M}\p{N}]+|[^\p{L}\p{M}\p{N}]+$/gu

  /**
   * Fold Latin diacritics: "Trà Vinh" -> "Tra Vinh", "Đền" -> "Den". One character in, one
   * out (on NFC text), so positions found in the folded text hold in the original.
   */
  function fold(text) {
    return text
      .normalize("NFD")
      .replace(DIACRITICS, "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .normalize("NFC")
  }

  /**
   * Cut a run of Khmer text into words of the vocabulary: the fewest characters left out of
   * any word, then the fewest words, then the longest first word; characters no word covers
   * are kept together as one piece. Returns [piece, isWord] pairs. Same rule as `cut` in
   * scripts/travinh_site/khmer.py, which made the index.
   */
  function cut(run, vocabulary, lengths) {
    const size = run.length
    const left = new Array(size + 1).fill(0)
    const words = new Array(size + 1).fill(0)
    const step = new Array(size + 1).fill(1)
    const isWord = new Array(size + 1).fill(false)
    for (let start = size - 1; start >= 0; start--) {
      let bestLeft = left[start + 1] + 1
      let bestWords = words[start + 1]
      let length = 1
      let word = false
      for (const candidate of lengths) {
        const end = start + candidate
        if (end <= size && vocabulary.has(run.slice(start, end))) {
          const [l, w] = [left[end], words[end] + 1]
          if (l < bestLeft || (l === bestLeft && w < bestWords)) {
            ;[bestLeft, bestWords, length, word] = [l, w, candidate, true]
          }
        }
      }
      ;[left[start], words[start], step[start], isWord[start]] = [
        bestLeft, bestWords, length, word
      ]
    }
    const pieces = []
    let previousWasWord = true
    for (let start = 0; start < size; start += step[start]) {
      const piece = run.slice(start, start + step[start])
      if (!isWord[start] && !previousWasWord)
        pieces[pieces.length - 1][0] += piece
      else
        pieces.push([piece, isWord[start]])
      previousWasWord = isWord[start]
    }
    return pieces
  }

  /** A vocabulary for `cut`: the words, and their lengths longest first. */
  function vocabularyOf(words) {
    const set = new Set(words)
    const lengths = [...new Set([...set].map(word => word.length))].sort((a, b) => b - a)
    return { words: set, lengths }
  }

  /** The Khmer words of documents: the runs of their titles and texts, which U+200B cuts. */
  function khmerVocabulary(docs) {
    const words = []
    for (const doc of docs)
      for (const value of [doc.title, doc.text])
        for (const [word] of String(value || "").matchAll(KHMER_RUN))
          words.push(word)
    return vocabularyOf(words)
  }

  scope.travinhSearch = { KHMER_RUN, EDGES, fold, cut, vocabularyOf, khmerVocabulary }
})(typeof self !== "undefined" ? self : globalThis)
