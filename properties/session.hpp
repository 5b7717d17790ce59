// Session guarantees (Terry et al., 1994) and "no acknowledged write lost",
// checked per key on register and key-value histories. The session is the
// Operation::session (Jepsen's process); session order is invocation order.
//
// Semantics (docs/history-format.md has the full text): each key has a hidden
// version order -- a total order of its writes, the initial value first -- and
// every read returns one version. A read's version is the write that wrote the
// value it returned (the initial value for nil / ""; for appends, the append
// whose value ends the string). Each guarantee demands relations between
// versions:
//   read-your-writes    own earlier ok write W, later read R:   W <= ver(R)
//   monotonic reads     own read R1, later read R2:             ver(R1) <= ver(R2)
//   monotonic writes    own ok write W1, later ok write W2:     W1 < W2
//   writes-follow-reads own read R, later ok write W:           ver(R) < W
//   no lost writes      ok write W, read R invoked after every ok write of the
//                       key completed (a final read):           W <= ver(R)
//                       and ver(R) did not complete before some ok write W
//                       began (else W would be ordered after it): ver(R) < W
// Facts of the model hold always: the initial value precedes every write, and
// an ok cas reads its `from` and then writes its `to`, so ver(from) < cas.
// A history satisfies
// a set of guarantees iff some version order meets all their demands, i.e.
// the demands, as a graph, have no cycle through a `<` edge or through two
// distinct writes. Checking is linear in the history size.
//
// Reads whose value was written more than once are ambiguous and impose no
// demand (so give writes unique values to get full strength); reads of values
// nobody wrote are listed separately.
#pragma once
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "properties/history.hpp"
#include "properties/specs.hpp"

namespace replicheck::properties {

enum class Guarantee : std::uint8_t {
  kReadYourWrites,
  kMonotonicReads,
  kMonotonicWrites,
  kWritesFollowReads,
  kNoLostWrites,
};
inline constexpr Guarantee kAllGuarantees[] = {Guarantee::kReadYourWrites, Guarantee::kMonotonicReads,
                                               Guarantee::kMonotonicWrites, Guarantee::kWritesFollowReads,
                                               Guarantee::kNoLostWrites};
std::string_view to_string(Guarantee g);

// One demand on the version order, between two versions: `from` <= `to`, or
// `from` < `to` if strict. A version is a write (index into History::ops) or
// the initial value (nullopt).
struct VersionDemand {
  std::optional<std::size_t> from, to;
  bool strict = false;
  std::optional<Guarantee> because;  // nullopt: a fact of the model
  std::string why;                   // the rule, in words
  std::vector<std::size_t> ops;      // the operations that impose it, in session order
};

// Demands that cannot all hold: following them from the first version leads
// back to it with a `<` on the way (or makes two distinct writes equal).
struct SessionViolation {
  std::string key;
  std::vector<Guarantee> guarantees;  // those taking part in the cycle
  std::vector<VersionDemand> cycle;
};

struct SessionResult {
  bool ok() const { return violations.empty(); }
  std::vector<SessionViolation> violations;  // at most one per key
  std::vector<std::size_t> ambiguous_reads;  // ops: value written more than once
  std::vector<std::size_t> unwritten_reads;  // ops: value no write wrote
};

// Throws std::invalid_argument for the counter model or ops that do not fit
// `model` (see validate()). Final reads (no lost writes) are those invoked
// after `final_reads_from`, by default after every ok write of the key has
// completed; an eventually consistent store may need a later time (after it
// is given time to converge).
SessionResult check_session_guarantees(const History& history, Model model,
                                       const std::vector<Guarantee>& guarantees = {std::begin(kAllGuarantees),
                                                                                   std::end(kAllGuarantees)},
                                       std::optional<std::uint64_t> final_reads_from = std::nullopt);

// Multi-line readable account of a violation.
std::string explain(const SessionViolation& violation, const History& history);

}  // namespace replicheck::properties
