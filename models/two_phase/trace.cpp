// How two-phase commit reads in a counterexample: the TM's decision and the
// votes it counted, each RM's state, the message set; one lane per role.
#include <fmt/format.h>

#include "models/two_phase/model.hpp"

namespace replicheck::models {

namespace tp = protocol::two_phase;

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
