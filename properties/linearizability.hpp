// Linearizability of a history against a sequential specification: the
// Wing-Gong search with Lowe's memoisation, as in Porcupine's checkSingle.
// Every key is an independent object (P-compositionality), so the history is
// split by key and each part is searched alone.
//
// Semantics of statuses (see properties/specs.hpp, Role): ok ops must take
// effect between invocation and response; a failed cas takes effect without
// changing state (the register did not hold its `from`); other failed ops and
// unknown reads are dropped; other unknown (info) ops may take effect any time
// after invocation or never.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "properties/history.hpp"
#include "properties/specs.hpp"

namespace replicheck::properties {

enum class Verdict : std::uint8_t { kLinearizable, kNotLinearizable, kUnknown };
std::string_view to_string(Verdict verdict);

struct LinearizabilityOptions {
  double budget_seconds = 0;    // wall-clock limit for the whole check; 0 = none
  std::uint64_t max_steps = 0;  // limit on search steps over all keys; 0 = none
  std::uint64_t max_memory_bytes = 0;  // limit on memo and state memory; 0 = none
  // Asked where the budgets are: a non-empty answer (e.g. "interrupted by
  // SIGTERM") ends the check as unknown, with that reason. This layer knows
  // no signals; the command that installs the handlers answers.
  std::function<std::string()> stop_requested;
};

struct PlacedOp {
  std::size_t op;     // index into History::ops
  Value state_after;  // the object's state once the op took effect
};

// A person-sized explanation: the search could order `prefix` legally, but
// then `blocked_op` (the next operation to complete) cannot take effect --
// neither at that point nor after any other order tried.
struct Violation {
  std::string key;
  std::vector<PlacedOp> prefix;  // longest linearizable prefix found (first of that length)
  Value state;                   // state after the prefix
  std::size_t blocked_op = 0;    // index into History::ops
  std::string reason;            // why blocked_op is illegal in `state`
  std::vector<std::size_t> pending;  // other ops invoked before blocked_op's response, not placed
};

struct LinearizabilityResult {
  Verdict verdict = Verdict::kLinearizable;
  std::optional<Violation> violation;  // set iff kNotLinearizable
  std::size_t operations = 0;  // ops that took part (required + optional)
  std::size_t keys = 0;        // independent parts searched
  std::uint64_t steps = 0;     // search steps over all parts
  std::string unknown_reason;  // set iff kUnknown
};

// Throws std::invalid_argument if an operation does not fit `model`
// (see validate() in specs.hpp). Deterministic for a given history.
LinearizabilityResult check_linearizability(const History& history, Model model,
                                            const LinearizabilityOptions& options = {});

}  // namespace replicheck::properties
