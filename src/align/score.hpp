// Input: the sentences of both sides and a Model. Output: the cost of any
// candidate bead, -log P(bead), as the aligner's dynamic program asks for it.
//
// The cost of a bead of a source and b target sentences is
//   -log P(a-b) - log P(length match) + paragraph penalty
// where the length match follows Gale and Church (1993): with l1 source and
// l2 target characters, delta = (l2 - c·l1) / sqrt(s²·l1) and
// P(length match) = 2·(1 - Φ(|delta|)). Lengths are in Unicode code points,
// counting neither white space nor combining marks (Arabic harakat).
//
// With anchors, each key k (anchors.hpp) shared by the two sides of a bead
// earns a bonus and each key on one side only costs a penalty:
//   bonus(k)   = min(cap, max(0, log p_T + log(N / df(k))))
//   penalty(k) = max(0, -log((1 - p_T) / (1 - df(k) / N)))
// where p_T is the model's probability that a key of k's type in a true bead
// is matched, df(k) the mean number of sentences holding k on the two sides
// and N the mean number of sentences: a rare key says much, a frequent one
// little, and no single key can earn more than `cap`. Keys found on one side
// of the document only are dropped: they cannot tell alignments apart. The
// sum is scaled by the model's anchor weight.
//
// Clause evidence (with clauses and non-zero ClauseParams weights): in a
// bead of one sentence against n >= 2, the one sentence's clauses are
// matched to the n sentences in order, each of them taking a run of
// clauses (possibly empty). A run costs its length mismatch (the robust
// length cost above) times length_weight, plus anchor_weight times the
// gain of every key of its clauses that matches in another of the n
// sentences rather than its own. The cheapest such monotone match, found by
// a small dynamic program over clauses, is added to the bead's cost: a bead
// whose boundary cuts through the content of a clause, or whose sentence on
// the edge matches a clause at the wrong end, pays for it. A sentence with
// no joints adds nothing: it cannot say where its content went.
//
// The split evidence (split_weight) then takes off what the cheapest match
// shows of a cut that follows the content. Each of the n sentences leads by
// what its keys match in its own run of clauses beyond what they match in
// the best other run (a dictionary word priced by its rarity bonus only);
// the bead earns the sum of the leads less the largest, times split_weight.
// One sentence that takes every match says nothing of where the bead is cut,
// and a sentence taken in that matches nothing earns nothing, so a bead
// gains only where two or more of its sentences each match their own part
// of the one sentence: the English sentence on the edge between two
// one-to-many beads that matches the end of one Arabic sentence or the start
// of the next. The term is then negative; the search's bounds allow for the
// most it can take off (split_slack).
//
// A stray sentence (anchors.stray_cost): a bead with two or more sentences
// on a side costs stray_cost for each of them that holds numbers or dates
// (a month, a weekday) none of which is on the other side of the bead (a
// number found on one side of the document only, SideKeys::lone_dated,
// counts as such). A
// translation keeps numbers and dates, so such a sentence is more likely
// one without a counterpart, taken into its neighbour's bead; alone in a
// null bead it pays the same penalties, so without this the two readings
// cost alike.
//
// Page furniture (model.furniture, src/evidence/furniture.hpp): a bead with
// both sides that holds a furniture line (a breadcrumb, a share prompt, a
// copyright line) and a line of text costs furniture.cost more. Such a
// line pairs with the other page's furniture or with nothing; taken into
// its neighbour's bead, a short one would cost the length model little.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jisr/anchors.hpp"
#include "jisr/model.hpp"
#include "jisr/types.hpp"

namespace jisr {

struct DocumentClauses;  // src/evidence/clauses.hpp

// The parts of one bead's cost (BeadScorer::cost is their sum) and the
// anchor keys behind them, for calibrating scores (src/model/calibration.hpp).
struct BeadEvidence {
  double prior = 0;           // -log P(a-b)
  double length = 0;          // -log P(length match); 0 for 1-0 and 0-1 beads
  double anchor_penalty = 0;  // penalties of every kept key of the bead
  double anchor_gain = 0;     // what its matched keys earn back
  double other = 0;           // endings, paragraph breaks, page furniture and clause evidence but its split part
  double split = 0;           // what the clause term's split evidence took off (0 or less)
  int matched = 0, missed = 0;            // keys other than dictionary words: matched across, not matched
  int words_matched = 0, words_missed = 0;  // the same for dictionary words (w: keys)
  int furniture = 0;                        // sentences of the bead that are page furniture
};

// How far above its limit cost_below's lower bounds must be before it gives
// +infinity: float rounding must not drop a bead that ties.
inline constexpr double kCostTolerance = 1e-9;

// The most sentences a bead may have on one side.
inline constexpr int kMaxBeadSide = 8;

struct HeadingKeys;  // align/headings.hpp

// Scores candidate beads for one document pair. Construction does the
// per-sentence work once (lengths); cost() is O(1) and const, so one scorer
// may serve several threads.
class BeadScorer {
 public:
  // Anchors, when given, hold one key list per sentence of each side;
  // clauses, when given with them, the clauses found with the anchors
  // (find_document_anchors), for the clause-level evidence below. The two
  // sides' tables are built at once when `threads` (0: every core) allows.
  BeadScorer(const Model& model, std::span<const Sentence> src, std::span<const Sentence> tgt,
             const DocumentAnchors* anchors = nullptr, const DocumentClauses* clauses = nullptr,
             unsigned threads = 1);
  ~BeadScorer();
  BeadScorer(BeadScorer&&) noexcept;
  BeadScorer& operator=(BeadScorer&&) noexcept;
  BeadScorer(const BeadScorer&) = delete;  // holds per-document tables; move it instead
  BeadScorer& operator=(const BeadScorer&) = delete;

  // Sets the length variance s² of beads that are not open (LengthStats::s2),
  // as if the scorer had been built from a model with that variance: a second
  // search with a document's own variance keeps the per-document tables. Not
  // to be called while other threads use the scorer.
  void set_length_variance(double s2);

  // Replaces the bead-type priors, as if the scorer had been built from a
  // model with these (a document's own, bead_priors.hpp); types absent or
  // at 0 are not allowed. Not to be called while other threads use the scorer.
  void set_priors(const std::map<BeadType, double>& priors);

  [[nodiscard]] std::uint32_t src_size() const;
  [[nodiscard]] std::uint32_t tgt_size() const;

  // Bead types the model allows, with at most `max_side` sentences a side.
  [[nodiscard]] std::vector<BeadType> bead_types(int max_side) const;

  // -log P of the bead [i, i+a) x [j, j+b); +infinity for a type the model
  // does not allow. Requires i+a <= src_size() and j+b <= tgt_size().
  [[nodiscard]] double cost(std::uint32_t i, int a, std::uint32_t j, int b) const;

  // cost(), or +infinity once it is certain that the cost is not below
  // `limit`: the search asks so and skips the dearer parts of beads that
  // cannot win.
  [[nodiscard]] double cost_below(std::uint32_t i, int a, std::uint32_t j, int b, double limit) const;

  // cost_below for a caller that knows something of the bead's anchor gain
  // (the part pair_gain measures): the gain itself when `exact`, else an
  // upper bound of it, such as the sum of pair_gain over every pair of a
  // source and a target sentence of the bead. The cost is the same; a
  // tight bound lets more beads stop early.
  [[nodiscard]] double cost_below(std::uint32_t i, int a, std::uint32_t j, int b, double limit,
                                  double gain, bool exact) const;

  // For the beads [i, i+a) x [j, j+b), j from j_begin on, with gain_bounds
  // as in cost_below (not exact): into out[j - j_begin] the lower bound of
  // each bead's cost that cost_below checks first, up to rounding far below
  // kCostTolerance, so that a bead with `out[k] >= limit + kCostTolerance`
  // costs more than `limit`. out and gain_bounds hold the same number of
  // values. For the search, which checks a row's beads of one type at once
  // before it asks cost_below about the few that may win.
  void cost_floors(std::uint32_t i, int a, std::uint32_t j_begin, int b,
                   std::span<const double> gain_bounds, std::span<double> out) const;

  // What the keys shared by source sentence i and target sentence j earn
  // in the one-to-one bead (i, j): anchor_cost(i, 1, j, 1) is its
  // penalties less this. 0 without anchors.
  [[nodiscard]] double pair_gain(std::uint32_t i, std::uint32_t j) const;

  // pair_gain(i, j) for every j in [j_begin, j_end), into out[j - j_begin]
  // (out holds j_end - j_begin values): one source sentence against a row
  // of the search's band at once.
  void pair_gains(std::uint32_t i, std::uint32_t j_begin, std::uint32_t j_end,
                  std::span<double> out) const;

  // The anchor part of cost() (already scaled by the weight); negative when
  // shared anchors support the bead.
  [[nodiscard]] double anchor_cost(std::uint32_t i, int a, std::uint32_t j, int b) const;

  // The keys of the heading lines (align/headings.hpp), found when the
  // scorer was built with anchors and the model uses them; not valid
  // otherwise. The length of a heading pair reads them, and so does the
  // heading pass after the search.
  [[nodiscard]] const HeadingKeys& headings() const;

  // The page furniture part of cost(): the model's furniture cost where
  // the bead pairs a furniture line with text or with furniture of another
  // kind, else 0.
  [[nodiscard]] double furniture_cost(std::uint32_t i, int a, std::uint32_t j, int b) const;

  // Confidence in [0, 1] that the bead is a true translation unit: the
  // probability of its length match, moved up or down by its anchor
  // evidence on the logistic scale. 1-0 and 0-1 beads score 0.
  [[nodiscard]] double confidence(std::uint32_t i, int a, std::uint32_t j, int b) const;

  // The parts of cost() and the key counts behind them; same preconditions.
  [[nodiscard]] BeadEvidence evidence(std::uint32_t i, int a, std::uint32_t j, int b) const;

  // True if both sides' endings tell a heading from a sentence: most of
  // each side's lines end in final punctuation (verse and unpunctuated
  // text do not).
  [[nodiscard]] bool endings_tell_headings() const;

  // Length of sentence k of either side in the units the model counts.
  [[nodiscard]] std::uint32_t src_length(std::uint32_t k) const;
  [[nodiscard]] std::uint32_t tgt_length(std::uint32_t k) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The length ratio c used for one document pair: the model's, or with
// stats.per_document the pair's own total ratio (shrunk slightly towards the
// model's). Translators' verbosity differs from text to text more than
// within one, so the document's own ratio predicts its beads better.
[[nodiscard]] double document_length_ratio(const LengthStats& stats, std::uint64_t src_total,
                                           std::uint64_t tgt_total);

// True if the sentence's last character, after closing quotes and brackets,
// is sentence-final punctuation (Unicode Sentence_Terminal: . ? ! ؟ ۔ …).
[[nodiscard]] bool ends_with_terminal(std::string_view utf8);

// True if the sentence ends open, as a heading, title or dateline does:
// not in sentence-final punctuation (ends_with_terminal), nor, after closing
// quotes and brackets, in one of the marks of `runs_on` (Model::runs_on),
// after which a line runs on into the next (a slogan broken after its
// commas, a list item ending in a semicolon).
[[nodiscard]] bool ends_open(std::string_view utf8, std::span<const std::string> runs_on);

// Whether each sentence of a side stands open (ends_open), as the scorer
// and the trainer read it: a line that follows one ending in a `runs_on`
// mark is the end of the sentence that line began (the last line of a
// slogan broken after its commas), not a heading, whatever its own ending.
[[nodiscard]] std::vector<bool> open_lines(std::span<const Sentence> side, std::span<const std::string> runs_on);

// Class of a bead type for Model::ending_cost: 0 null, 1 one-to-one, 2 larger.
[[nodiscard]] inline int bead_class(int a, int b) { return a == 0 || b == 0 ? 0 : (a == 1 && b == 1 ? 1 : 2); }

// Length of a sentence in the units the scorer uses: code points that are
// neither white space nor combining marks. With `skip_bracketed`, nor the
// text from a '[' to the next ']' (brackets included); a '[' that no ']'
// follows counts as any character does.
[[nodiscard]] std::uint32_t alignment_length(std::string_view utf8, bool skip_bracketed = false);

// The sides whose square-bracketed text is the translator's own: text such
// as "[Then Allah said]" or "[if you repent]" spells out in the translation
// what the source leaves implicit, and has nothing in the source to match
// in length. A side is taken to hold such insertions when some of its
// sentences hold bracketed text ('[' then ']') and none of the other side's
// do; where both sides bracket (a translated "[ISCED levels 0 to 3]"), the
// brackets are the text's own and count. Every length of the document
// pair (the scorer's, its clauses', the document score's) leaves a flagged
// side's bracketed text out.
struct TranslatorInsertions {
  bool src = false, tgt = false;
};
[[nodiscard]] TranslatorInsertions translator_insertions(std::span<const Sentence> src,
                                                         std::span<const Sentence> tgt);

// The total alignment_length of each side of a document pair, leaving out
// the translator's insertions as the scorer does.
struct SideLengths {
  std::uint64_t src = 0, tgt = 0;
};
[[nodiscard]] SideLengths document_lengths(std::span<const Sentence> src, std::span<const Sentence> tgt);

// -log(2·(1 - Φ(|x|))), accurate for large |x| where the probability
// underflows.
[[nodiscard]] double neg_log_two_tailed(double x);

}  // namespace jisr
