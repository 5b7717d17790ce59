#include "models/two_phase/model.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace replicheck::models {

namespace tp = protocol::two_phase;

namespace {
enum class Bug { None, CommitEarly };
const Choices<Bug> kBugs = {{"none", Bug::None}, {"commit-early", Bug::CommitEarly}};
}  // namespace

std::vector<ParamSpec> TwoPhase::param_specs() {
  return {
      {"rm", "3", "number of resource managers", 1, tp::kMaxResourceManagers, {}},
      choice_spec("bug", kBugs, "none", "seeded bug: commit-early = the TM commits after the first Prepared"),
  };
}

TwoPhase::TwoPhase(const Params& p)
    : rm_(static_cast<int>(p.integer("rm"))), commit_early_(p.choice("bug", kBugs) == Bug::CommitEarly) {}

std::vector<TwoPhase::State> TwoPhase::initial_states() const {
  State s;
  s.tm.data.rm_count = std::uint8_t(rm_);
  s.tm.data.commit_early = commit_early_;
  for (int r = 0; r < tp::kMaxResourceManagers; ++r) s.rms[r].data.id = std::uint8_t(r);
  return {s};
}

void TwoPhase::canonicalize(State& s) const {
  // An RM's whole footprint in the state: its machine, the TM's tally bit
  // and its Prepared message; ids are positions, so sorting moves all three.
  std::array<std::uint8_t, tp::kMaxResourceManagers> keys{};
  for (int r = 0; r < rm_; ++r)
    keys[r] = std::uint8_t(s.rms[r].active() << 2 | (s.tm.data.prepared >> r & 1) << 1 | (s.prepared_msgs >> r & 1));
  std::sort(keys.begin(), keys.begin() + rm_);
  std::uint16_t tally = 0, sent = 0;
  for (int r = 0; r < rm_; ++r) {
    s.rms[r].restore_active(keys[r] >> 2);
    tally |= std::uint16_t((keys[r] >> 1 & 1) << r);
    sent |= std::uint16_t((keys[r] & 1) << r);
  }
  s.tm.data.prepared = tally;
  s.prepared_msgs = sent;
}

void TwoPhase::deliver(const tp::Outbox& box, State& s) {
  for (int i = 0; i < box.size; ++i) {
    const tp::Message& m = box.items[i];
    switch (m.kind) {
      case tp::Message::Prepared: s.prepared_msgs |= std::uint16_t(1u << m.rm); break;
      case tp::Message::Commit: s.commit_msg = true; break;
      case tp::Message::Abort: s.abort_msg = true; break;
    }
  }
}

}  // namespace replicheck::models
