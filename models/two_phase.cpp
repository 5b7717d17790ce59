#include "models/two_phase.hpp"

#include <fmt/format.h>

namespace replicheck::models {

namespace tp = protocol::two_phase;

std::vector<ParamSpec> TwoPhase::param_specs() {
  return {
      {"rm", "3", "number of resource managers", 1, tp::kMaxResourceManagers, {}},
      {"bug", "none", "seeded bug: commit-early = the TM commits after the first Prepared", 0, 0,
       {"none", "commit-early"}},
  };
}

TwoPhase::TwoPhase(const Params& p)
    : rm_(static_cast<int>(p.integer("rm"))), commit_early_(p.word("bug") == "commit-early") {}

std::vector<TwoPhase::State> TwoPhase::initial_states() const {
  State s;
  s.tm.data.rm_count = std::uint8_t(rm_);
  s.tm.data.commit_early = commit_early_;
  for (int r = 0; r < tp::kMaxResourceManagers; ++r) s.rms[r].data.id = std::uint8_t(r);
  return {s};
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

namespace {
const char* rm_state_name(const TwoPhase::RM& rm) {
  using D = tp::ResourceManagerDef;
  if (rm.in<D::Working>()) return "working";
  if (rm.in<D::Prepared>()) return "prepared";
  if (rm.in<D::Committed>()) return "committed";
  return "aborted";
}
const char* tm_state_name(const TwoPhase::TM& tm) {
  using D = tp::TransactionManagerDef;
  if (tm.in<D::Undecided>()) return "undecided";
  if (tm.in<D::Committed>()) return "committed";
  return "aborted";
}
}  // namespace

std::vector<Property<TwoPhase>> TwoPhase::properties() const {
  using D = tp::ResourceManagerDef;
  auto any = [](const TwoPhase& m, const State& s, auto pred) {
    for (int r = 0; r < m.rm_; ++r)
      if (pred(s.rms[r])) return true;
    return false;
  };
  return {
      {"consistent", PropertyKind::Always,
       "no resource manager has committed while another has aborted",
       [any](const TwoPhase& m, const State& s) {
         return !(any(m, s, [](const RM& r) { return r.in<D::Committed>(); }) &&
                  any(m, s, [](const RM& r) { return r.in<D::Aborted>(); }));
       }},
      {"commit-happens", PropertyKind::Sometimes, "every resource manager commits",
       [](const TwoPhase& m, const State& s) {
         for (int r = 0; r < m.rm_; ++r)
           if (!s.rms[r].in<D::Committed>()) return false;
         return true;
       }},
      {"abort-happens", PropertyKind::Sometimes,
       "the transaction manager aborts after a resource manager prepared",
       [any](const TwoPhase& m, const State& s) {
         return s.abort_msg && any(m, s, [](const RM& r) { return r.in<D::Aborted>(); }) &&
                s.prepared_msgs != 0;
       }},
  };
}

std::string TwoPhase::describe(const Action& a) const {
  switch (a.kind) {
    case Action::TMRcvPrepared: return fmt::format("TM receives Prepared from rm{}", a.rm);
    case Action::TMCommit: return "TM decides Commit and sends it";
    case Action::TMAbort: return "TM decides Abort and sends it";
    case Action::RMPrepare: return fmt::format("rm{} prepares and sends Prepared", a.rm);
    case Action::RMChooseToAbort: return fmt::format("rm{} chooses to abort", a.rm);
    case Action::RMRcvCommit: return fmt::format("rm{} receives Commit", a.rm);
    case Action::RMRcvAbort: return fmt::format("rm{} receives Abort", a.rm);
  }
  return "?";
}

std::vector<std::pair<std::string, std::string>> TwoPhase::fields(const State& s) const {
  std::vector<std::pair<std::string, std::string>> out;
  out.emplace_back("tm", tm_state_name(s.tm));
  std::string votes;
  for (int r = 0; r < rm_; ++r)
    if (s.tm.data.prepared >> r & 1) votes += fmt::format("{}rm{}", votes.empty() ? "" : ",", r);
  out.emplace_back("tm.prepared", "{" + votes + "}");
  for (int r = 0; r < rm_; ++r) out.emplace_back(fmt::format("rm{}", r), rm_state_name(s.rms[r]));
  std::string msgs;
  auto add = [&msgs](const std::string& m) { msgs += (msgs.empty() ? "" : ", ") + m; };
  for (int r = 0; r < rm_; ++r)
    if (s.prepared_msgs >> r & 1) add(fmt::format("Prepared(rm{})", r));
  if (s.commit_msg) add("Commit");
  if (s.abort_msg) add("Abort");
  out.emplace_back("msgs", "{" + msgs + "}");
  return out;
}

std::vector<std::string> TwoPhase::lanes() const {
  std::vector<std::string> out{"TM"};
  for (int r = 0; r < rm_; ++r) out.push_back(fmt::format("rm{}", r));
  return out;
}

StepInfo TwoPhase::step_info(const State&, const Action& a, const State&) const {
  std::string rm = fmt::format("rm{}", a.rm);
  switch (a.kind) {
    case Action::TMRcvPrepared: return {"TM", StepKind::Deliver, rm, "Prepared", ""};
    case Action::TMCommit: return {"TM", StepKind::Send, "", "Commit", ""};  // to every RM
    case Action::TMAbort: return {"TM", StepKind::Send, "", "Abort", ""};
    case Action::RMPrepare: return {rm, StepKind::Send, "TM", "Prepared", ""};
    case Action::RMChooseToAbort: return {rm, StepKind::Local, "", "abort", ""};
    case Action::RMRcvCommit: return {rm, StepKind::Deliver, "TM", "Commit", ""};
    case Action::RMRcvAbort: return {rm, StepKind::Deliver, "TM", "Abort", ""};
  }
  return {rm, StepKind::Local, "", "", ""};
}

}  // namespace replicheck::models
