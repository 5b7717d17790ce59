// Calibration model: two-phase commit exactly as the classic TLA+ spec
// (TCommit/TwoPhase) and the Promela that bench/twophase_promela.py writes,
// so its distinct-state counts can be compared with TLC's and SPIN's. One
// transaction manager and `rm` resource managers; messages form a set that
// only grows.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "models/footprint.hpp"
#include "models/params.hpp"
#include "models/step_info.hpp"
#include "properties/property.hpp"
#include "protocol/codec.hpp"
#include "protocol/two_phase/resource_manager.hpp"
#include "protocol/two_phase/transaction_manager.hpp"

namespace replicheck::models {

class TwoPhase {
 public:
  static constexpr std::string_view kName = "two-phase";
  static constexpr std::string_view kSummary =
      "two-phase commit (TLA+ TwoPhase): calibration model with known state counts";
  static std::vector<ParamSpec> param_specs();

  using TM = protocol::two_phase::TransactionManager;
  using RM = protocol::two_phase::ResourceManager;

  struct State {
    TM tm;
    std::array<RM, protocol::two_phase::kMaxResourceManagers> rms;
    std::uint16_t prepared_msgs = 0;  // bit r: [type |-> "Prepared", rm |-> r] was sent
    bool commit_msg = false;
    bool abort_msg = false;
  };

  struct Action {
    enum Kind : std::uint8_t {
      TMRcvPrepared, TMCommit, TMAbort, RMPrepare, RMChooseToAbort, RMRcvCommit, RMRcvAbort
    } kind;
    std::uint8_t rm = 0;
  };

  static constexpr std::size_t kMaxActions = 2 + 5 * protocol::two_phase::kMaxResourceManagers;

  explicit TwoPhase(const Params& p);

  std::vector<State> initial_states() const;

  // Candidate actions: what the message set offers each role, and only the
  // events the role's transition table has a row for in its active state
  // (most have none: an RM that voted takes no Prepare). Whether the role
  // takes it is its guards', applied in next(). Listed in key order (the
  // keys below), which is the order of the classic spec's actions.
  template <class Sink>
  void actions(const State& s, Sink&& out) const {
    for (std::uint64_t keys = candidate_keys(s); keys; keys &= keys - 1)
      out(action_for_key(std::uint16_t(__builtin_ctzll(keys))));
  }
  // The candidates as one bit word of their keys (see action_key): the
  // TM's receipts are the Prepared messages sent; then four bits an RM, in
  // kind order (Prepare, ChooseToAbort, RcvCommit, RcvAbort), built without
  // a branch on the state.
  std::uint64_t candidate_keys(const State& s) const {
    namespace tp = protocol::two_phase;
    constexpr int n = kKeyedRMs;
    std::uint64_t keys = s.tm.has_row<tp::RcvPrepared>() ? s.prepared_msgs : 0;
    keys |= std::uint64_t(s.tm.has_row<tp::DecideCommit>()) << n;
    keys |= std::uint64_t(s.tm.has_row<tp::DecideAbort>()) << (n + 1);
    const unsigned sent = 0b0011u | unsigned(s.commit_msg) << 2 | unsigned(s.abort_msg) << 3;
    for (int r = 0; r < rm_; ++r)
      keys |= std::uint64_t(s.rms[r].rows_among<tp::Prepare, tp::ChooseToAbort, tp::RcvCommit, tp::RcvAbort>() & sent)
              << (n + 2 + 4 * r);
    return keys;
  }

  // Applies `a` to a copy of `s` in `out`; false when the role refuses it.
  bool next(const State& s, const Action& a, State& out) const {
    namespace tp = protocol::two_phase;
    TM tm;
    RM rm;
    bool taken = false;
    switch (a.kind) {
      case Action::TMRcvPrepared: taken = s.tm.fire(tp::RcvPrepared{a.rm}, tm); break;
      case Action::TMCommit: taken = s.tm.fire(tp::DecideCommit{}, tm); break;
      case Action::TMAbort: taken = s.tm.fire(tp::DecideAbort{}, tm); break;
      case Action::RMPrepare: taken = s.rms[a.rm].fire(tp::Prepare{}, rm); break;
      case Action::RMChooseToAbort: taken = s.rms[a.rm].fire(tp::ChooseToAbort{}, rm); break;
      case Action::RMRcvCommit: taken = s.rms[a.rm].fire(tp::RcvCommit{}, rm); break;
      case Action::RMRcvAbort: taken = s.rms[a.rm].fire(tp::RcvAbort{}, rm); break;
    }
    if (!taken) return false;
    out = s;
    if (a.kind >= Action::RMPrepare) {
      out.rms[a.rm] = rm;
      deliver(RM::outbox(), out);
    } else {
      out.tm = tm;
      deliver(TM::outbox(), out);
    }
    return true;
  }

  // The whole state in one 64-bit word (52 bits at rm=12): TM state (2 bits),
  // Commit and Abort sent (2), votes counted (12), Prepared sent (12), then
  // 2 bits per RM.
  void encode(const State& s, ByteWriter& w) const {
    std::uint64_t v = std::uint64_t(s.tm.active()) | std::uint64_t(s.commit_msg) << 2 |
                      std::uint64_t(s.abort_msg) << 3 | std::uint64_t(s.tm.data.prepared) << 4 |
                      std::uint64_t(s.prepared_msgs) << 16;
    for (int r = 0; r < rm_; ++r) v |= std::uint64_t(s.rms[r].active()) << (28 + 2 * r);
    w.u64(v);
  }

  void decode(ByteReader& in, State& s) const {
    std::uint64_t v = in.u64();
    s.tm.restore_active(int(v & 3));
    s.commit_msg = v >> 2 & 1;
    s.abort_msg = v >> 3 & 1;
    s.tm.data.prepared = std::uint16_t(v >> 4 & 0xfff);
    s.prepared_msgs = std::uint16_t(v >> 16 & 0xfff);
    for (int r = 0; r < rm_; ++r) s.rms.at(std::size_t(r)).restore_active(int(v >> (28 + 2 * r) & 3));
  }

  // Symmetry (explorer/search/symmetry.hpp): the resource managers are
  // interchangeable, as every property quantifies over all of them. The
  // representative sorts them by (machine state, vote counted, Prepared sent).
  std::string symmetry() const { return rm_ > 1 ? "resource managers" : ""; }
  void canonicalize(State& s) const;

  // Partial-order reduction (models/footprint.hpp). Parts: bit 0 the TM,
  // bits 1 and 2 the Commit and Abort messages, bit 3 + r RM r, bit 16 + r
  // its Prepared message. RMs' steps touch only their own RM (and send), so
  // any two RMs' steps commute; every TM step reads and writes the TM.
  // What a step touches does not depend on the state, only on which step it
  // is: so the search takes footprints by key (key_footprint).
  Footprint footprint(const State&, const Action& a) const { return footprint_of(a.kind, a.rm); }

  // Dense keys, below 64, so that a sleep set is one bit word (SleepMask):
  // the TM's receipts (one an RM), its two decisions, then four an RM.
  static constexpr int kKeyedRMs = protocol::two_phase::kMaxResourceManagers;
  static constexpr std::size_t kActionKeys = 2 + 5 * kKeyedRMs;
  static_assert(kActionKeys <= 64);
  // By table, not a switch: a state's candidates mix kinds, and a switch on
  // the kind mispredicted (8% of expansion with sleep sets).
  std::uint16_t action_key(const Action& a) const {
    constexpr int n = kKeyedRMs;
    constexpr std::uint8_t base[] = {0, n, n + 1, n + 2, n + 3, n + 4, n + 5}, stride[] = {1, 0, 0, 4, 4, 4, 4};
    return std::uint16_t(base[a.kind] + stride[a.kind] * a.rm);
  }
  Action action_for_key(std::uint16_t key) const;  // action_key's inverse
  Footprint key_footprint(std::uint16_t key) const {
    if (key < kKeyedRMs) return footprint_of(Action::TMRcvPrepared, key);
    if (key < kKeyedRMs + 2) return footprint_of(key == kKeyedRMs ? Action::TMCommit : Action::TMAbort, 0);
    int k = key - kKeyedRMs - 2;
    return footprint_of(Action::Kind(Action::RMPrepare + k % 4), k / 4);
  }

  // The model has no faults, so a state is quiescent when nothing can happen.
  bool quiescent(const State&) const { return false; }

  std::vector<Property<TwoPhase>> properties() const;
  std::string describe(const Action& a) const;
  // Named fields of a state, for traces: (field, value) pairs.
  std::vector<std::pair<std::string, std::string>> fields(const State& s) const;
  // Timing-diagram lanes: TM, rm0..rm{n-1}. Fields "tm", "tm.prepared" and
  // "rmK" belong to their lanes by name; "msgs" (the network) to none.
  std::vector<std::string> lanes() const;
  StepInfo step_info(const State& before, const Action& a, const State& after) const;

 private:
  static void deliver(const protocol::two_phase::Outbox& box, State& s);
  static Footprint footprint_of(Action::Kind kind, int r) {
    const std::uint64_t tm = 1, commit = 2, abort = 4, rm = 1ull << (3 + r), prepared = 1ull << (16 + r);
    switch (kind) {
      case Action::TMRcvPrepared: return {tm | prepared, tm};
      case Action::TMCommit: return {tm, tm | commit};
      case Action::TMAbort: return {tm, tm | abort};
      case Action::RMPrepare: return {rm, rm | prepared};
      case Action::RMChooseToAbort: return {rm, rm};
      case Action::RMRcvCommit: return {rm | commit, rm};
      case Action::RMRcvAbort: return {rm | abort, rm};
    }
    return {~0ull, ~0ull};
  }
  int rm_;
  bool commit_early_;
};

// By table: built once, at compile time (after the class, which it needs whole).
inline TwoPhase::Action TwoPhase::action_for_key(std::uint16_t key) const {
  static constexpr auto kTable = [] {
    constexpr int n = kKeyedRMs;
    std::array<Action, kActionKeys> t{};
    for (int k = 0; k < int(kActionKeys); ++k) {
      if (k < n) t[k] = {Action::TMRcvPrepared, std::uint8_t(k)};
      else if (k < n + 2) t[k] = {k == n ? Action::TMCommit : Action::TMAbort, 0};
      else t[k] = {Action::Kind(Action::RMPrepare + (k - n - 2) % 4), std::uint8_t((k - n - 2) / 4)};
    }
    return t;
  }();
  return kTable[key];
}

}  // namespace replicheck::models
