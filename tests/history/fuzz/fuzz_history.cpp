// libFuzzer target: any bytes, read as each history format, must either parse
// or throw ParseError -- never crash, hang or trip a sanitizer. What parses
// must survive a JSON round trip and the checkers (with small budgets), the
// transactional one included.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "properties/history_io.hpp"
#include "properties/linearizability.hpp"
#include "properties/session.hpp"
#include "properties/txn_check.hpp"
#include "properties/txn_io.hpp"

using namespace replicheck::properties;

namespace {

void exercise(const History& history) {
  const LoadedHistory again = parse_history(to_json(history), Format::kJson);  // must not throw
  if (again.history.ops.size() != history.ops.size()) std::abort();
  for (Model model : {Model::kRegister, Model::kKv, Model::kCounter}) {
    LinearizabilityOptions small;
    small.max_steps = 20000;
    try {
      const auto result = check_linearizability(history, model, small);
      if (result.verdict == Verdict::kNotLinearizable && !result.violation) std::abort();
      if (model != Model::kCounter) (void)check_session_guarantees(history, model);
    } catch (const std::invalid_argument&) {  // ops that do not fit this model
    }
  }
}

// Transactional histories: parsed, round-tripped through JSON, and checked
// with small budgets.
void exercise_txn(std::string_view text, Format format) {
  for (Workload w : {Workload::kListAppend, Workload::kRwRegister}) {
    try {
      const TxnHistory h = parse_txn_history(text, format, w, "fuzz.txt").history;
      if (!(parse_txn_history(to_json(h, w), Format::kJson, w).history == h)) std::abort();
      TxnCheckOptions small;
      small.max_steps = 20000;
      small.max_cycle_work = 200000;
      (void)check_transactions(h, w, small);
    } catch (const ParseError&) {
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (Format format : {Format::kAuto, Format::kEdn, Format::kJson}) exercise_txn(text, format);
  for (Format format : {Format::kAuto, Format::kJepsenLog, Format::kKvLog, Format::kEdn, Format::kJson}) {
    try {
      exercise(parse_history(text, format, "fuzz.txt").history);
    } catch (const ParseError&) {
    }
  }
  return 0;
}
