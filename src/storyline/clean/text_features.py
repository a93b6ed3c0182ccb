"""Language-independent line features for the plain-text cleaner, computed batch-wise.

Speed is the point of the layout: a scraped page has hundreds of lines, and the text path must clean
thousands of pages a second, so nothing here loops over characters or tokens in Python. The batch's
non-blank lines are joined into one string, turned into a code-point array, and every per-line count
is an ``np.bincount`` over that array. Words are hashed in numpy (a polynomial hash over lower-cased
code points), which gives term statistics and multilingual marker words without a tokenizer.

Features come in two groups: the line's own shape (length, punctuation, capitalisation, markers,
repetition, coherence with the document's prose vocabulary) and its context (neighbouring lines,
position, density of prose around it). The model in ``text_model`` adds a second pass that looks at
the first-pass scores of the neighbours, because article body is one dense contiguous region.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from itertools import compress, repeat
from operator import itemgetter
from typing import Any

import numpy as np
import numpy.typing as npt

from storyline.clean.text_markers import MARKER_CATEGORIES, MARKER_PHRASES, MARKER_WORDS

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
U64Array = npt.NDArray[np.uint64]

# Character classes (bit flags) for the code-point lookup table.
_LETTER, _UPPER, _DIGIT, _SPACE, _END, _PUNCT, _NEWLINE, _SEPARATOR = (1 << i for i in range(8))
_SENTENCE_END = ".!?。！？…؟।"
_BULLETS = "*•-–—+·▪►✓"
_TRAILING_CLOSERS = "\"'”’»)]"
_SEPARATORS = "|•·»›/\\>"
_HASH_BASE = np.uint64(1_000_003)
_HASH_BASE_INVERSE = np.uint64(pow(1_000_003, -1, 1 << 64))
_DOC_SALT = np.uint64(0x9E3779B97F4A7C15)
_CONTENT_WORD_CHARS = 4  # words this long are mostly content words, in most alphabetic scripts
_PROSE_LINE_CHARS = 100
_SAMPLE_CHARS = 240
_MAX_INDENT = 200
_DOUBLED_MIN_CHARS = 50
_DOUBLED_TAIL = 25
_MARKER_LINE_WORDS = 30
_BIGRAM_SALT = np.uint64(0xC2B2AE3D27D4EB4F)


@cache
def _tables() -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.uint32]]:
    """Class flags and lower-case mapping for every code point of the Basic Multilingual Plane."""
    flags = np.zeros(0x10000, dtype=np.uint8)
    lower = np.arange(0x10000, dtype=np.uint32)
    for code in range(0x10000):
        char = chr(code)
        category = unicodedata.category(char)
        flag = 0
        if category[0] == "L" or category[0] == "M":
            flag |= _LETTER
            if category == "Lu" or category == "Lt":
                flag |= _UPPER
            lowered = char.lower()
            if len(lowered) == 1:
                lower[code] = ord(lowered)
        elif category[0] == "N":
            flag |= _DIGIT
        elif category[0] == "Z" or char in "\t\r\x0b\x0c":
            flag |= _SPACE
        elif category[0] in "PS":
            flag |= _PUNCT
        flags[code] = flag
    for char in _SENTENCE_END:
        flags[ord(char)] |= _END
    for char in _SEPARATORS:
        flags[ord(char)] |= _SEPARATOR
    flags[ord("\n")] = _NEWLINE
    # Code points beyond the BMP are clipped to 0xFFFF: treat them as symbols (mostly emoji).
    flags[0xFFFF] = _PUNCT
    return flags, lower


# Per-line character counts come from one bincount over (line, character class) pairs. The classes
# are the distinct flag combinations (plus the comma as its own class); _CLASS_COUNTS says which
# counted column each class adds to.
_COUNTED = ("letters", "digits", "punct", "upper", "separators", "commas")
_COMMAS = ",\u060c\u3001"


@cache
def _class_tables() -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.uint8], FloatArray]:
    """Class of every BMP code point, the flags of each class, and its counted columns."""
    flags_table, _ = _tables()
    keyed = flags_table.astype(np.int64)
    for char in _COMMAS:
        keyed[ord(char)] |= 1 << 8
    keys, class_of_code = np.unique(keyed, return_inverse=True)
    class_flags = (keys & 0xFF).astype(np.uint8)
    counted = np.column_stack(
        [
            (class_flags & _LETTER) != 0,
            (class_flags & _DIGIT) != 0,
            (class_flags & _PUNCT) != 0,
            (class_flags & _UPPER) != 0,
            (class_flags & _SEPARATOR) != 0,
            (keys >> 8) != 0,
        ]
    ).astype(np.float64)
    return class_of_code.astype(np.uint8), class_flags, counted


def hash_words(text: str) -> tuple[U64Array, IntArray, IntArray, IntArray]:
    """Hash every word (run of letters and digits) of ``text``.

    Returns (hashes, start offsets, lengths, line ids) per word; line ids count "\\n" before it.
    """
    code_points = _code_points(text)
    return _hash_words(code_points, np.cumsum(code_points == ord("\n")))


def _code_points(text: str) -> IntArray:
    """Code points of ``text`` as table indexes: beyond the BMP clipped to 0xFFFF (see _tables).

    Index arrays are converted to intp once here rather than by every table lookup.
    """
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.intp)
    np.minimum(codes, 0xFFFF, out=codes)
    return codes


def _hash_words(
    code_points: IntArray, line_of_char: IntArray
) -> tuple[U64Array, IntArray, IntArray, IntArray]:
    """A polynomial hash of each lower-cased word: sum of c_k * B^k over its characters c_k.

    Computed for all words at once from one prefix sum over the text: character j contributes
    c_j * B^j, a word's sum over [start, end) is a difference of prefix sums, and multiplying
    by B^-start (B is odd, so invertible modulo 2^64) makes it independent of where the word
    is. Characters outside words have c = 0.
    """
    contributions = _word_char_table()[code_points]
    is_word = contributions != 0
    # Word boundaries alternate: start of the first word, end of it, start of the next, ...
    edges = np.flatnonzero(np.diff(is_word, prepend=False, append=False))
    starts, ends = edges[0::2], edges[1::2]
    forward, inverse = _powers(code_points.size)
    contributions *= forward[: contributions.size]
    prefix = np.zeros(contributions.size + 1, dtype=np.uint64)
    np.cumsum(contributions, out=prefix[1:])
    hashes = prefix[ends] - prefix[starts]
    hashes *= inverse[starts]
    return hashes, starts, ends - starts, line_of_char[starts]


@cache
def _word_char_table() -> U64Array:
    """Lower-cased code point of every word character (letter, mark, digit); 0 for the rest."""
    flags, lower = _tables()
    return np.where((flags & (_LETTER | _DIGIT)) != 0, lower, 0).astype(np.uint64)


_cached_powers: list[tuple[U64Array, U64Array]] = []
_MAX_CACHED_POWERS = 1 << 18


def _powers(size: int) -> tuple[U64Array, U64Array]:
    """B^j and B^-j modulo 2^64 for j < size (at least); kept for sizes up to 2^18."""
    current = _cached_powers[0][0].size if _cached_powers else 0
    if current >= size:
        return _cached_powers[0]
    length = max(size, 1024, 2 * current)
    if size <= _MAX_CACHED_POWERS:
        length = min(length, _MAX_CACHED_POWERS)
    forward, inverse = (
        np.full(length, base, dtype=np.uint64) for base in (_HASH_BASE, _HASH_BASE_INVERSE)
    )
    for values in (forward, inverse):
        values[0] = 1
        np.multiply.accumulate(values, out=values)
    if length <= _MAX_CACHED_POWERS:
        _cached_powers[:] = [(forward, inverse)]
    return forward, inverse


@cache
def _marker_table() -> tuple[U64Array, IntArray]:
    """Sorted hashes of marker words and two-word phrases, with the category index of each.

    One sorted table and one ``searchsorted`` per batch instead of a set lookup per category.
    A word listed under two categories keeps the first; the lists barely overlap.
    """
    hashes: list[int] = []
    categories: list[int] = []
    for index, category in enumerate(MARKER_CATEGORIES):
        words, _, _, _ = hash_words("\n".join(MARKER_WORDS[category]))
        hashes.extend(int(value) for value in words)
        categories.extend([index] * words.size)
        for phrase in MARKER_PHRASES[category]:
            parts, _, _, _ = hash_words(phrase)
            if parts.size == 2:
                hashes.append(int(_bigram(parts[:1], parts[1:])[0]))
                categories.append(index)
    values = np.array(hashes, dtype=np.uint64)
    values, first = np.unique(values, return_index=True)
    return values, np.array(categories, dtype=np.int64)[first]


_PREFILTER_SHIFT = np.uint64(64 - 16)


@cache
def _marker_prefilter() -> BoolArray:
    """True at the top 16 bits of every marker hash (about 1 % of the 65,536 slots)."""
    table, _ = _marker_table()
    bitmap = np.zeros(1 << 16, dtype=bool)
    bitmap[(table >> _PREFILTER_SHIFT).astype(np.intp)] = True
    return bitmap


def _bigram(first: U64Array, second: U64Array) -> U64Array:
    with np.errstate(over="ignore"):
        return first * _BIGRAM_SALT + second


@dataclass(frozen=True, slots=True)
class BatchLines:
    """The non-blank lines of a batch of documents, flattened, with where each came from."""

    lines: list[str]  # stripped, non-blank
    line_numbers: list[int]  # 0-based index of the line in its document's original text
    doc_of_line: IntArray
    doc_starts: IntArray  # doc d owns lines doc_starts[d]:doc_starts[d + 1]
    blank_before: BoolArray  # a blank line (paragraph break) precedes this line
    indent: IntArray  # leading whitespace (tabs as 4): page-to-text tools indent by nesting


def split_batch(texts: list[str]) -> BatchLines:
    lines: list[str] = []
    numbers: list[IntArray] = []
    blank_before: list[BoolArray] = []
    indents: list[IntArray] = []
    starts = [0]
    for text in texts:
        if "\t" in text:  # expandtabs copies the whole text even when there is no tab
            text = text.expandtabs(4)
        raw_lines = text.splitlines()
        count = len(raw_lines)
        # map chains keep the per-line work in C (this runs on every line).
        stripped = list(map(str.strip, raw_lines))
        non_blank_list = list(map(bool, stripped))
        non_blank = np.array(non_blank_list, dtype=bool)
        # The stripped line first occurs in the raw line right after the leading whitespace (an
        # earlier occurrence would have to start with whitespace), so find gives the indent.
        indent = np.fromiter(map(str.find, raw_lines, stripped), dtype=np.int64, count=count)
        previous_blank = np.ones(count, dtype=bool)
        np.logical_not(non_blank[:-1], out=previous_blank[1:])
        previous_blank[:1] = False
        lines.extend(compress(stripped, non_blank_list))
        numbers.append(np.flatnonzero(non_blank))
        blank_before.append(previous_blank[non_blank])
        indents.append(indent[non_blank])
        starts.append(len(lines))
    doc_starts = np.array(starts, dtype=np.int64)
    doc_of_line = np.repeat(np.arange(len(texts), dtype=np.int64), np.diff(doc_starts))
    return BatchLines(
        lines,
        _concatenated(numbers, np.int64).tolist(),
        doc_of_line,
        doc_starts,
        _concatenated(blank_before, np.bool_),
        _concatenated(indents, np.int64),
    )


def _concatenated(parts: list[npt.NDArray[Any]], dtype: type[np.generic]) -> npt.NDArray[Any]:
    return np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)


# Names of the per-line feature columns, in order. The model file records them, so a model trained
# on another feature set is refused at load time rather than scoring garbage.
OWN_FEATURES = (
    "log_chars",
    "log_words",
    "letter_ratio",
    "digit_ratio",
    "punct_ratio",
    "upper_ratio",
    "capitalised_words",
    "ends_sentence",
    "sentence_marks_per_word",
    "commas_per_word",
    "separators_per_char",
    "starts_with_bullet",
    "long_words_ratio",
    "blank_before",
    "relative_position",
    "chars_before_fraction",
    "repeated_in_doc",
    "self_doubled",
    "coherence",
    "doc_frequency",
    "has_content_words",
    "marker_short_line",
    *(f"marker_{name}" for name in MARKER_CATEGORIES),
    *(f"after_{name}_heading" for name in MARKER_CATEGORIES),
    "log_doc_lines",
    "indent_is_prose_indent",
    "indent_offset",
)
CONTEXT_COLUMNS = ("log_chars", "ends_sentence", "coherence", "punct_ratio", "capitalised_words")
CONTEXT_FEATURES = (
    *(f"prev_{name}" for name in CONTEXT_COLUMNS),
    *(f"next_{name}" for name in CONTEXT_COLUMNS),
    "prose_density_3",
    "prose_density_10",
    "prose_after_fraction",
    "prose_before_fraction",
)
FEATURES = (*OWN_FEATURES, *CONTEXT_FEATURES)


@dataclass(frozen=True, slots=True)
class LineFeatures:
    matrix: FloatArray  # one row per line of BatchLines, columns in FEATURES order
    markers: npt.NDArray[np.int64]  # (lines, categories) marker hits per line
    words: IntArray  # words per line
    self_doubled: BoolArray
    repeated_in_doc: BoolArray
    chars: FloatArray  # characters per line


def line_features(batch: BatchLines) -> LineFeatures:
    n_lines = len(batch.lines)
    flags_table, _ = _tables()
    class_of_code, class_flags, class_counted = _class_tables()
    # Character and word statistics come from the first _SAMPLE_CHARS of each line: beyond that
    # a line is prose either way, and long paragraphs would otherwise dominate the cost.
    sampled = map(itemgetter(slice(None, _SAMPLE_CHARS)), batch.lines)
    code_points = _code_points("\n".join(sampled))
    char_class = class_of_code[code_points]
    flags = class_flags[char_class]
    chars = np.fromiter(map(len, batch.lines), dtype=np.float64, count=n_lines)
    sampled_chars = np.minimum(chars, _SAMPLE_CHARS)
    # Each line's sampled characters and the newline after it (counted for no statistic).
    line_of_char = np.repeat(np.arange(n_lines), sampled_chars.astype(np.intp) + 1)[
        : code_points.size
    ]
    n_classes = class_flags.size
    class_keys = line_of_char * n_classes
    class_keys += char_class
    counted = (
        np.bincount(class_keys, minlength=n_lines * n_classes).reshape(n_lines, n_classes)
        @ class_counted
    )
    letters, digits, punct, upper, separators, commas = counted.T

    hashes, offsets, lengths, word_line = _hash_words(code_points, line_of_char)
    sampled_words = np.bincount(word_line, minlength=n_lines)
    word_count = np.maximum(sampled_words, 1).astype(np.float64)
    # Whole-line word count, extrapolated for the lines that were cut.
    words = np.rint(sampled_words * (chars / sampled_chars)).astype(np.int64)
    capitalised = np.bincount(
        word_line, weights=((flags[offsets] & _UPPER) != 0).astype(np.float64), minlength=n_lines
    )
    long_words = np.bincount(
        word_line, weights=(lengths >= 7).astype(np.float64), minlength=n_lines
    )

    # Sentence marks: an end mark followed by a space, or the last character of the line.
    ends = np.flatnonzero(flags & _END)
    followed = np.append(flags, _NEWLINE)[ends + 1]
    marks = ends[(followed & (_SPACE | _NEWLINE)) != 0]
    sentence_marks = np.bincount(line_of_char[marks], minlength=n_lines).astype(np.float64)
    ends_sentence, starts_with_bullet = _line_edges(batch.lines, flags_table)

    doc = batch.doc_of_line
    starts = batch.doc_starts
    doc_lines = np.diff(starts).astype(np.float64)
    index_in_doc = np.arange(n_lines) - starts[doc]
    relative_position = index_in_doc / np.maximum(doc_lines[doc] - 1, 1)
    # Prefix sums with a leading zero, so empty documents (equal consecutive starts) index fine.
    chars_prefix = np.concatenate([[0.0], np.cumsum(chars)])
    doc_chars = chars_prefix[starts[1:]] - chars_prefix[starts[:-1]]
    chars_before = (chars_prefix[:-1] - chars_prefix[starts[doc]]) / np.maximum(doc_chars[doc], 1)

    repeated = _repeated_in_doc(batch.lines, doc)
    doubled = _self_doubled(batch.lines, chars)
    coherence, doc_frequency, has_content = _coherence(
        hashes, lengths, word_line, doc, chars, n_lines
    )
    markers = _markers(hashes, word_line, sampled_words, n_lines)
    short_line = (words <= 8).astype(np.float64)
    marker_any = (markers.sum(axis=1) > 0).astype(np.float64)
    headings = _after_headings(markers, words, doc, starts)

    own = np.column_stack(
        [
            np.log1p(chars),
            np.log1p(words),
            letters / sampled_chars,
            digits / sampled_chars,
            punct / sampled_chars,
            upper / np.maximum(letters, 1),
            capitalised / word_count,
            ends_sentence,
            sentence_marks / word_count,
            commas / word_count,
            separators / sampled_chars,
            starts_with_bullet,
            long_words / word_count,
            batch.blank_before.astype(np.float64),
            relative_position,
            chars_before,
            repeated.astype(np.float64),
            doubled.astype(np.float64),
            coherence,
            doc_frequency,
            has_content,
            marker_any * short_line,
            *(np.minimum(markers[:, i], 3) * short_line for i in range(markers.shape[1])),
            *headings,
            np.log1p(doc_lines[doc]),
            *_indent_features(batch, chars, ends_sentence),
        ]
    )
    context = _context(own, chars, ends_sentence, doc, starts, n_lines)
    return LineFeatures(np.hstack([own, context]), markers, words, doubled, repeated, chars)


def _line_edges(
    lines: list[str], flags_table: npt.NDArray[np.uint8]
) -> tuple[FloatArray, FloatArray]:
    """Does each line end like a sentence, and does it start like a list item?

    Chains of ``map`` over str methods run in C; the same tests as generator expressions were
    a tenth of the cleaner's time on whole pages.
    """
    # Lines are stripped and non-blank, so each has a first and a last character.
    last_codes = _code_points("".join(map(itemgetter(-1), lines)))
    # A line ending in quotes or brackets ends like its last character before them; only
    # those few lines need the strip.
    closed = np.flatnonzero(_closer_table()[last_codes]).tolist()
    if closed:
        tails = map(str.rstrip, map(lines.__getitem__, closed), repeat(_TRAILING_CLOSERS))
        # Padded to one character (" ") when the line is nothing but closers.
        last_codes[closed] = _code_points(
            "".join(map(str.rjust, map(itemgetter(slice(-1, None)), tails), repeat(1)))
        )
    ends_sentence = ((flags_table[last_codes] & _END) != 0).astype(np.float64)
    first_codes = _code_points("".join(map(itemgetter(0), lines)))
    # "1.", "12)": only a line starting with a digit can be numbered.
    numbered = np.zeros(len(lines), dtype=bool)
    digit_first = np.flatnonzero(flags_table[first_codes] & _DIGIT).tolist()
    if digit_first:
        heads = map(itemgetter(slice(0, 3)), map(lines.__getitem__, digit_first))
        numbered[digit_first] = list(map(str.isdigit, map(str.rstrip, heads, repeat(".)"))))
    bullet = _bullet_table()[first_codes] | numbered
    return ends_sentence, bullet.astype(np.float64)


@cache
def _closer_table() -> BoolArray:
    table = np.zeros(0x10000, dtype=bool)
    for char in _TRAILING_CLOSERS:
        table[ord(char)] = True
    return table


@cache
def _bullet_table() -> BoolArray:
    table = np.zeros(0x10000, dtype=bool)
    for char in _BULLETS:
        table[ord(char)] = True
    return table


def _indent_features(
    batch: BatchLines, chars: FloatArray, ends_sentence: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Is the line indented like the document's prose, and how far off is it?

    Text made from a page by an HTML-to-text tool keeps the nesting as indentation, and the
    article's paragraphs share one depth. Flat text has every line at 0, so the features say
    nothing there, which the model also saw in training (augmented flat copies).
    """
    indent = np.minimum(batch.indent, _MAX_INDENT)
    prose_weight = chars * ends_sentence * (chars >= _PROSE_LINE_CHARS)
    prose_indent = np.zeros(batch.doc_starts.size - 1, dtype=np.int64)
    for d in range(prose_indent.size):
        start, end = int(batch.doc_starts[d]), int(batch.doc_starts[d + 1])
        weights = prose_weight[start:end]
        if weights.sum() > 0:
            prose_indent[d] = int(np.argmax(np.bincount(indent[start:end], weights=weights)))
    offset = np.abs(indent - prose_indent[batch.doc_of_line])
    return (offset == 0).astype(np.float64), np.minimum(offset, 24) / 8.0


def _repeated_in_doc(lines: list[str], doc: IntArray) -> BoolArray:
    line_hashes = np.fromiter(map(hash, lines), dtype=np.int64, count=len(lines))
    keys = line_hashes ^ (doc * 0x2545F4914F6CDD1D)
    _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    result: BoolArray = counts[inverse] > 1
    return result


def _self_doubled(lines: list[str], chars: FloatArray) -> BoolArray:
    """Lines that end by saying the same thing twice, like a photo caption rendered twice."""
    result = np.zeros(len(lines), dtype=bool)
    long_lines = np.flatnonzero(chars >= _DOUBLED_MIN_CHARS)
    candidates = list(map(lines.__getitem__, long_lines.tolist()))
    # Only a line whose last 25 characters occur well before its end can be doubled; finding
    # those in C first leaves the full comparison for a handful of lines.
    earlier = np.fromiter(
        map(str.find, candidates, map(itemgetter(slice(-_DOUBLED_TAIL, None)), candidates)),
        dtype=np.int64,
        count=len(candidates),
    )
    shift = chars[long_lines] - _DOUBLED_TAIL - earlier
    for index in np.flatnonzero(shift >= _DOUBLED_TAIL).tolist():
        result[long_lines[index]] = _ends_doubled(candidates[index])
    return result


def _ends_doubled(line: str) -> bool:
    # The last 25 characters occur earlier: if the text between that occurrence and the end is
    # the same as the text before it, the line ends with one passage written twice.
    if len(line) < _DOUBLED_MIN_CHARS:
        return False
    earlier = line.find(line[-_DOUBLED_TAIL:])
    shift = len(line) - _DOUBLED_TAIL - earlier
    if shift < _DOUBLED_TAIL:
        return False
    return line[-shift:].strip() == line[-2 * shift : -shift].strip()


def _coherence(
    hashes: U64Array,
    lengths: IntArray,
    word_line: IntArray,
    doc: IntArray,
    chars: FloatArray,
    n_lines: int,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """How much of a line's vocabulary the document's prose lines share.

    Coherence: the fraction of a line's content words that occur in prose lines (long lines) of
    the same document other than itself. Doc frequency: the same against all lines. Chrome
    ("Sign up for our newsletter") rarely shares content words with the article; body does.
    """
    content = lengths >= _CONTENT_WORD_CHARS
    line = word_line[content]
    with np.errstate(over="ignore"):
        keys = hashes[content] + doc[line].astype(np.uint64) * _DOC_SALT
    in_prose = (chars[line] >= _PROSE_LINE_CHARS).astype(np.float64)
    content_count = np.bincount(line, minlength=n_lines).astype(np.float64)
    if keys.size == 0:
        zeros = np.zeros(n_lines)
        return zeros, zeros, zeros
    _, inverse = np.unique(keys, return_inverse=True)
    # Occurrences of the same word elsewhere (its own occurrence subtracted).
    in_prose_elsewhere = np.bincount(inverse, weights=in_prose)[inverse] - in_prose
    elsewhere = np.bincount(inverse)[inverse] - 1
    coherence = np.bincount(line, weights=in_prose_elsewhere > 0, minlength=n_lines)
    frequency = np.bincount(line, weights=elsewhere > 0, minlength=n_lines)
    denominator = np.maximum(content_count, 1)
    return coherence / denominator, frequency / denominator, (content_count > 0).astype(np.float64)


def _markers(
    hashes: U64Array, word_line: IntArray, words: IntArray, n_lines: int
) -> npt.NDArray[np.int64]:
    """Marker hits per line and category, looked up for lines of at most _MARKER_LINE_WORDS.

    A marker word inside a paragraph of prose says nothing ("share" in "their market share"),
    and skipping the lookup for long lines halves its cost.
    """
    table, table_category = _marker_table()
    eligible = words[word_line] <= _MARKER_LINE_WORDS
    hashes, word_line = hashes[eligible], word_line[eligible]
    n_categories = len(MARKER_CATEGORIES)
    bigrams = _bigram(hashes[:-1], hashes[1:]) if hashes.size > 1 else hashes[:0]
    bigram_line = word_line[:-1] if hashes.size > 1 else word_line[:0]
    same_line = bigram_line == word_line[1:] if hashes.size > 1 else bigram_line == 0
    queries = np.concatenate([hashes, bigrams[same_line]])
    query_line = np.concatenate([word_line, bigram_line[same_line]])
    # Most words are no marker: a bitmap of the markers' top hash bits rules them out with one
    # lookup, and only the rest are searched in the sorted table.
    candidate = _marker_prefilter()[queries >> _PREFILTER_SHIFT]
    queries, query_line = queries[candidate], query_line[candidate]
    positions = np.minimum(np.searchsorted(table, queries), table.size - 1)
    found = table[positions] == queries
    cells = query_line[found] * n_categories + table_category[positions[found]]
    counts = np.bincount(cells, minlength=n_lines * n_categories)
    return counts.reshape(n_lines, n_categories).astype(np.int64)


def _after_headings(
    markers: npt.NDArray[np.int64], words: IntArray, doc: IntArray, starts: IntArray
) -> list[FloatArray]:
    """For each marker category: has a short heading of that kind appeared earlier in the doc?

    Comment sections and "related stories" lists run to the end of the page once they start, so
    "a comments heading came before this line" is a strong, position-aware signal.
    """
    heading = (markers > 0) & (words <= 5)[:, None]
    counts = np.cumsum(heading, axis=0)
    before_doc = np.vstack([np.zeros((1, markers.shape[1]), dtype=np.int64), counts])[starts[doc]]
    seen = (counts - heading - before_doc) > 0
    return [seen[:, i].astype(np.float64) for i in range(markers.shape[1])]


def _context(
    own: FloatArray,
    chars: FloatArray,
    ends_sentence: FloatArray,
    doc: IntArray,
    starts: IntArray,
    n_lines: int,
) -> FloatArray:
    index = np.arange(n_lines)
    first = starts[doc]
    last = starts[doc + 1] - 1
    columns = [OWN_FEATURES.index(name) for name in CONTEXT_COLUMNS]
    previous = own[np.maximum(index - 1, first)][:, columns]
    previous[index == first] = 0.0
    following = own[np.minimum(index + 1, last)][:, columns]
    following[index == last] = 0.0
    # Prose: characters on lines that end like sentences. Body is where prose is dense.
    prose = chars * ends_sentence
    cumulative = np.concatenate([[0.0], np.cumsum(prose)])
    all_chars = np.concatenate([[0.0], np.cumsum(chars)])

    def window_density(radius: int) -> FloatArray:
        low = np.maximum(index - radius, first)
        high = np.minimum(index + radius, last) + 1
        density: FloatArray = (cumulative[high] - cumulative[low]) / np.maximum(
            all_chars[high] - all_chars[low], 1
        )
        return density

    doc_prose = cumulative[last + 1] - cumulative[first]
    after = (cumulative[last + 1] - cumulative[index + 1]) / np.maximum(doc_prose, 1)
    before = (cumulative[index] - cumulative[first]) / np.maximum(doc_prose, 1)
    return np.column_stack(
        [previous, following, window_density(3), window_density(10), after, before]
    )
